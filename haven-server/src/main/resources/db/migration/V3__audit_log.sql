-- The audit log: an append-only record of every decision and change, each event chained to the one before by a
-- SHA-256 hash (computed by the server; the canonical form is documented in org.haven.server.audit.internal.CanonicalForm).
--
-- What the database guarantees, whoever the client is (short of a superuser or the table owner disabling triggers,
-- which the hash chain then exposes through verify):
--   * events are never updated, deleted or truncated;
--   * an event is accepted only if it extends the chain: its sequence is the head's plus one and its previous hash
--     is the head's hash;
--   * the chain head only moves forward, one event at a time, onto an event that exists.
--
-- Privileges: triggers bind every role but can be disabled by the table owner. Where the deployment allows it, run
-- migrations as an owner role and the server as a role granted only SELECT, INSERT on audit_events and SELECT,
-- UPDATE on audit_chain_head; the server then cannot disable the triggers either.

-- One row: the sequence and hash of the newest event. Appenders lock it FOR UPDATE before reading it; the lock is
-- held until their transaction ends, so appends from any number of transactions and server processes form one
-- line, sequence order is commit order, and a rolled-back append takes its head move with it (no gap).
CREATE TABLE audit_chain_head (
    singleton     boolean NOT NULL DEFAULT true PRIMARY KEY CHECK (singleton),
    last_sequence bigint  NOT NULL CHECK (last_sequence >= 0),
    last_hash     bytea   NOT NULL CHECK (length(last_hash) = 32)
);

-- The chain starts from 32 zero bytes.
INSERT INTO audit_chain_head (singleton, last_sequence, last_hash) VALUES (true, 0, decode(repeat('00', 32), 'hex'));

CREATE TABLE audit_events (
    sequence           bigint      NOT NULL PRIMARY KEY CHECK (sequence > 0),
    -- The actor's tenant (null for anonymous and system actors), so a tenant's auditors can be shown their events.
    tenant_id          text,
    actor_type         text        NOT NULL CHECK (actor_type IN ('USER', 'APP', 'ANONYMOUS', 'SYSTEM')),
    actor_id           text        NOT NULL,
    actor_display_name text,
    action             text        NOT NULL,
    resource_type      text,
    resource_id        text,
    decision           text        NOT NULL CHECK (decision IN ('ALLOWED', 'DENIED', 'SUCCEEDED', 'FAILED')),
    reason             text,
    request_id         text,
    client_address     text,
    occurred_at        timestamptz NOT NULL,
    details            jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object'),
    previous_hash      bytea       NOT NULL CHECK (length(previous_hash) = 32),
    hash               bytea       NOT NULL CHECK (length(hash) = 32),
    -- When the database accepted the event; informational, not covered by the hash (occurred_at is).
    recorded_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
    CHECK (resource_id IS NULL OR resource_type IS NOT NULL)
);

-- Auditors page newest first within a filter; each index ends with the sequence so that order comes from the index.
CREATE INDEX audit_events_by_tenant ON audit_events (tenant_id, sequence);
CREATE INDEX audit_events_by_actor ON audit_events (actor_id, sequence);
CREATE INDEX audit_events_by_action ON audit_events (action, sequence);
CREATE INDEX audit_events_by_resource ON audit_events (resource_type, resource_id, sequence);
CREATE INDEX audit_events_by_occurred_at ON audit_events (occurred_at);

-- The functions pin their search path to this schema, so they find their tables whatever the session's path is.
-- Refusals use SQLSTATE class 23 (integrity constraint violation), so clients see a refused write, not a syntax error.

CREATE FUNCTION audit_refuse_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    RAISE EXCEPTION '% on % is refused: the audit log is append-only', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER audit_events_append_only
    BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();

-- TRUNCATE fires no row triggers, so it needs its own.
CREATE TRIGGER audit_events_no_truncate
    BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();

-- Checked here as well as in the server so that no client, however written, can insert an event off the chain.
-- Locking the head is a no-op for the server, which already holds the lock, and serialises any other writer.
CREATE FUNCTION audit_events_check_link() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    head audit_chain_head%ROWTYPE;
BEGIN
    SELECT * INTO head FROM audit_chain_head FOR UPDATE;
    IF NEW.sequence <> head.last_sequence + 1 OR NEW.previous_hash <> head.last_hash THEN
        RAISE EXCEPTION 'audit event % does not extend the chain, whose head is event %', NEW.sequence, head.last_sequence
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    NEW.recorded_at := clock_timestamp();
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_events_extend_chain
    BEFORE INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_check_link();

-- The head follows every accepted event, in the inserting transaction, so it can never lag behind the events.
CREATE FUNCTION audit_chain_head_follow() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE audit_chain_head SET last_sequence = NEW.sequence, last_hash = NEW.hash;
    RETURN NULL;
END
$$;

CREATE TRIGGER audit_events_move_head
    AFTER INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_chain_head_follow();

-- Moving the head back would let a truncated tail pass verification, so it only ever moves one step forward, onto
-- the event just inserted.
CREATE FUNCTION audit_chain_head_check_move() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF NEW.singleton IS DISTINCT FROM OLD.singleton
            OR NEW.last_sequence <> OLD.last_sequence + 1
            OR NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.sequence = NEW.last_sequence AND e.hash = NEW.last_hash) THEN
        RAISE EXCEPTION 'the audit chain head only moves forward onto the event appended last'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_chain_head_forward_only
    BEFORE UPDATE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION audit_chain_head_check_move();

CREATE TRIGGER audit_chain_head_kept
    BEFORE DELETE ON audit_chain_head
    FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();

CREATE TRIGGER audit_chain_head_no_truncate
    BEFORE TRUNCATE ON audit_chain_head
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
