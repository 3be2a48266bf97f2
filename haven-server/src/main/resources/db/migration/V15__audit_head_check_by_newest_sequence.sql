-- The head-move check asked whether any event lies beyond the new head with `EXISTS (... WHERE sequence > $1)`.
-- After a few calls PostgreSQL plans a PL/pgSQL query once for any value, and for a range over an unknown bound
-- that generic plan reads the whole of audit_events: every batch of audit events scanned the log while holding the
-- chain head, so each audited request grew slower as the log grew. The newest sequence is one step down the
-- primary key's index whatever the plan, so the check compares against it instead. Same rule, same error.
CREATE OR REPLACE FUNCTION audit_chain_head_check_move() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF NEW.singleton IS DISTINCT FROM OLD.singleton
            OR NEW.last_sequence <= OLD.last_sequence
            OR NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.sequence = NEW.last_sequence AND e.hash = NEW.last_hash)
            OR (SELECT max(e.sequence) FROM audit_events e) > NEW.last_sequence THEN
        RAISE EXCEPTION 'the audit chain head only moves forward onto the event appended last'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END
$$;
