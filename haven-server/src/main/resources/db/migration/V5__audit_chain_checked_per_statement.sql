-- The chain is checked and its head moved once per INSERT statement instead of once per row, so that a batch of
-- events (the group commit of access decisions) costs one head lock, one head move and one check, however many
-- events it holds. The guarantees of V3 are unchanged:
--   * an INSERT is accepted only if its events extend the chain: their sequences follow the head's without a gap,
--     the first one's previous hash is the head's hash and every other one's is the hash of the event before it;
--   * the head only moves forward, onto the newest event;
--   * events are never updated, deleted or truncated (V3's triggers, kept).

DROP TRIGGER audit_events_extend_chain ON audit_events;
DROP TRIGGER audit_events_move_head ON audit_events;
DROP FUNCTION audit_events_check_link();
DROP FUNCTION audit_chain_head_follow();

-- The database, not the client, says when it accepted each event.
CREATE FUNCTION audit_events_stamp() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    NEW.recorded_at := clock_timestamp();
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_events_stamp
    BEFORE INSERT ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_stamp();

-- Runs after the statement's rows are in, with all of them in the transition table `appended`. The head is locked
-- here too, so a writer that did not lock it first (any client but Haven's server) is serialised all the same; an
-- exception undoes the whole statement.
CREATE FUNCTION audit_events_extend_chain() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    head           audit_chain_head%ROWTYPE;
    first_appended bigint;
    last_appended  bigint;
    count_appended bigint;
    broken         bigint;
BEGIN
    SELECT min(sequence), max(sequence), count(*) INTO first_appended, last_appended, count_appended FROM appended;
    IF count_appended = 0 THEN
        RETURN NULL;
    END IF;
    SELECT * INTO head FROM audit_chain_head FOR UPDATE;
    IF first_appended <> head.last_sequence + 1 OR last_appended - first_appended + 1 <> count_appended THEN
        RAISE EXCEPTION 'audit event % does not extend the chain, whose head is event %',
            CASE WHEN first_appended <> head.last_sequence + 1 THEN first_appended ELSE last_appended END,
            head.last_sequence
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    SELECT event.sequence INTO broken
    FROM appended event
    LEFT JOIN appended previous ON previous.sequence = event.sequence - 1
    WHERE event.previous_hash IS DISTINCT FROM
          CASE WHEN event.sequence = first_appended THEN head.last_hash ELSE previous.hash END
    ORDER BY event.sequence
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'audit event % does not extend the chain: its previous hash is not the hash of event %',
            broken, broken - 1
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    UPDATE audit_chain_head
    SET last_sequence = newest.sequence, last_hash = newest.hash
    FROM (SELECT sequence, hash FROM appended WHERE sequence = last_appended) AS newest;
    RETURN NULL;
END
$$;

CREATE TRIGGER audit_events_extend_chain
    AFTER INSERT ON audit_events
    REFERENCING NEW TABLE AS appended
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_extend_chain();

-- The head may now move by a whole batch, but still only forward and only onto the newest event: moving it back
-- would let a truncated tail pass verification, and moving it elsewhere would detach it from the chain.
CREATE OR REPLACE FUNCTION audit_chain_head_check_move() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF NEW.singleton IS DISTINCT FROM OLD.singleton
            OR NEW.last_sequence <= OLD.last_sequence
            OR NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.sequence = NEW.last_sequence AND e.hash = NEW.last_hash)
            OR EXISTS (SELECT 1 FROM audit_events e WHERE e.sequence > NEW.last_sequence) THEN
        RAISE EXCEPTION 'the audit chain head only moves forward onto the event appended last'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;
