-- FHIR servers as data sources. A FHIR source is a row of data_sources (kind 'fhir'), so the admin, writer and
-- reader relationships of data_source objects apply to it unchanged; its connection settings sit beside it.
ALTER TABLE data_sources DROP CONSTRAINT data_sources_kind_check;
ALTER TABLE data_sources ADD CONSTRAINT data_sources_kind_check CHECK (kind IN ('upload', 'fhir'));

-- Settings that are not secret are plain columns, readable in an answer. The credentials (password, token,
-- client secret) are one JSON document sealed with the tenant's encryption keyset, bound to the source's id as
-- associated data so a sealed value copied to another row does not open.
CREATE TABLE fhir_sources (
    tenant_id               uuid             NOT NULL,
    source_id               uuid             NOT NULL UNIQUE,
    base_url                text             NOT NULL CHECK (length(base_url) <= 2000),
    auth_type               text             NOT NULL CHECK (auth_type IN ('none', 'basic', 'bearer', 'client_credentials')),
    auth_username           text,
    auth_token_url          text,
    auth_client_id          text,
    auth_scope              text,
    sealed_credentials      bytea,
    page_size               integer          NOT NULL,
    concurrency             integer          NOT NULL,
    requests_per_second     double precision NOT NULL,
    connect_timeout_millis  bigint           NOT NULL,
    read_timeout_millis     bigint           NOT NULL,
    max_attempts            integer          NOT NULL,
    PRIMARY KEY (tenant_id, source_id),
    FOREIGN KEY (tenant_id, source_id) REFERENCES data_sources (tenant_id, id) ON DELETE CASCADE
);

-- The latest ingest run per source and postal code: a request while that run is queued or running returns it
-- instead of starting another. The row is locked while deciding, so two requests at once start one run.
CREATE TABLE fhir_ingests (
    tenant_id    uuid        NOT NULL,
    source_id    uuid        NOT NULL,
    postal_code  text        NOT NULL CHECK (length(postal_code) BETWEEN 1 AND 32),
    run_id       uuid,
    started_at   timestamptz,
    PRIMARY KEY (tenant_id, source_id, postal_code),
    FOREIGN KEY (tenant_id, source_id) REFERENCES fhir_sources (tenant_id, source_id) ON DELETE CASCADE
);
