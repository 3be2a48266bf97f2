-- The catalog: datasets owned by a tenant, and the numbered versions of their schema. Who may see or manage a
-- dataset is not stored here: `dataset#owner` is a relationship in the authorization engine, written in the same
-- transaction as the row.

-- Names are identifiers people type on the command line and pipelines refer to: lower case, so that uniqueness
-- means what it looks like. The server checks the same rules first, to explain a refusal; these are the backstop.
CREATE TABLE datasets (
    tenant_id    uuid        NOT NULL REFERENCES tenants (id),
    id           uuid        NOT NULL UNIQUE,
    name         text        NOT NULL CHECK (name ~ '^[a-z][a-z0-9_-]{0,62}$'),
    description  text        NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    tags         text[]      NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);
CREATE INDEX datasets_tags ON datasets USING gin (tags);

-- Every version of a dataset's schema, numbered from 1 without gaps. `changes` lists what changed from the
-- version before (empty for version 1) and `breaking` whether any change was breaking, allowed by an explicit flag.
-- `created_by` is the authorization subject of the caller, `user:<id>` or `app:<id>`.
CREATE TABLE dataset_schema_versions (
    tenant_id    uuid        NOT NULL,
    dataset_id   uuid        NOT NULL,
    version      integer     NOT NULL CHECK (version >= 1),
    schema       jsonb       NOT NULL,
    breaking     boolean     NOT NULL,
    changes      jsonb       NOT NULL DEFAULT '[]',
    created_by   text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, dataset_id, version),
    FOREIGN KEY (tenant_id, dataset_id) REFERENCES datasets (tenant_id, id)
);

-- Dataset versions, validation and pipelines refer to a schema version by number: it must never change under
-- them. A new schema is a new version. Refusals use SQLSTATE class 23, as the audit log's do.
CREATE FUNCTION catalog_refuse_schema_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    RAISE EXCEPTION '% on % is refused: schema versions are immutable', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END
$$;

CREATE TRIGGER dataset_schema_versions_immutable
    BEFORE UPDATE OR DELETE ON dataset_schema_versions
    FOR EACH ROW EXECUTE FUNCTION catalog_refuse_schema_change();

CREATE TRIGGER dataset_schema_versions_no_truncate
    BEFORE TRUNCATE ON dataset_schema_versions
    FOR EACH STATEMENT EXECUTE FUNCTION catalog_refuse_schema_change();
