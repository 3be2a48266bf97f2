-- Servers keep verified API tokens in memory so that a request need not look its key up. A revocation, a new
-- expiry or a removal must reach every server at once, whichever server (or operator) made it: the database says
-- so on the channel `haven_api_tokens` when the change commits. The payload is the schema and the token id, so
-- servers sharing one database under different schemas ignore each other's tokens. Updates of last_used_at only
-- (every minute for a token in use) say nothing.
CREATE FUNCTION api_tokens_notify_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM pg_notify('haven_api_tokens', TG_TABLE_SCHEMA || ' ' || OLD.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER api_tokens_changed
    AFTER UPDATE OF id, tenant_id, app_id, user_id, secret_hash, expires_at, revoked_at OR DELETE ON api_tokens
    FOR EACH ROW EXECUTE FUNCTION api_tokens_notify_change();
