-- Servers keep what authorises a read in memory as well (see V16): the grants of a dataset, and which dataset and
-- version a FHIR source's serving tables belong to. Each change is announced when it commits, with the schema and
-- the dataset's id, so every server drops what it kept of that dataset. The channel is the trigger's argument.
CREATE FUNCTION dataset_rows_notify_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM pg_notify(TG_ARGV[0], TG_TABLE_SCHEMA || ' ' || OLD.dataset_id);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM pg_notify(TG_ARGV[0], TG_TABLE_SCHEMA || ' ' || NEW.dataset_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER dataset_grants_changed
    AFTER INSERT OR UPDATE OR DELETE ON dataset_grants
    FOR EACH ROW EXECUTE FUNCTION dataset_rows_notify_change('haven_dataset_grants');

-- A new version moves what "the latest version" is; a renamed or removed dataset no longer answers to its name.
CREATE TRIGGER dataset_versions_changed
    AFTER INSERT OR UPDATE OR DELETE ON dataset_versions
    FOR EACH ROW EXECUTE FUNCTION dataset_rows_notify_change('haven_dataset_versions');

CREATE FUNCTION datasets_notify_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    PERFORM pg_notify('haven_dataset_versions', TG_TABLE_SCHEMA || ' ' || OLD.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER datasets_changed
    AFTER UPDATE OF id, tenant_id, name OR DELETE ON datasets
    FOR EACH ROW EXECUTE FUNCTION datasets_notify_change();
