-- Published versions of a dataset: immutable, numbered from 1 without gaps. The data is Parquet in the blob store
-- under `storage_prefix` (manifest.json and data/part-<n>.parquet); the manifest is copied here so the catalog can
-- answer without reading the blob store, and `manifest_sha256` pins the stored manifest's bytes.
-- One pipeline run publishes at most one version of a dataset (`run_id` unique per dataset): a publish step that
-- runs again after a crash finds its version instead of adding another.
CREATE TABLE dataset_versions (
    tenant_id        uuid        NOT NULL,
    dataset_id       uuid        NOT NULL,
    version          integer     NOT NULL CHECK (version >= 1),
    schema_version   integer     NOT NULL,
    row_count        bigint      NOT NULL CHECK (row_count >= 0),
    content_hash     text        NOT NULL,
    manifest_sha256  text        NOT NULL,
    manifest         jsonb       NOT NULL,
    storage_prefix   text        NOT NULL,
    run_id           uuid,
    pipeline_name    text,
    pipeline_version integer,
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, dataset_id, version),
    UNIQUE (dataset_id, run_id),
    FOREIGN KEY (tenant_id, dataset_id) REFERENCES datasets (tenant_id, id),
    FOREIGN KEY (tenant_id, dataset_id, schema_version) REFERENCES dataset_schema_versions (tenant_id, dataset_id, version)
);

CREATE FUNCTION catalog_refuse_version_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    RAISE EXCEPTION '% on % is refused: dataset versions are immutable', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER dataset_versions_immutable
    BEFORE UPDATE OR DELETE ON dataset_versions
    FOR EACH ROW EXECUTE FUNCTION catalog_refuse_version_change();

CREATE TRIGGER dataset_versions_no_truncate
    BEFORE TRUNCATE ON dataset_versions
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_refuse_version_change();
