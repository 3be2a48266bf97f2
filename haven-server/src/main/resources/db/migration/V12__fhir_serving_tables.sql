-- Serving tables: the latest Patients and Observations of each FHIR source, one row per resource, for a read API
-- that answers from an index instead of scanning Parquet. The `fhir_serve` pipeline step loads them with COPY into a
-- staging table and one MERGE. A resource is keyed by the server's logical id within its source: two sources may
-- use the same ids. `content_hash` (SHA-256 of the flattened record) tells a changed resource from an unchanged one,
-- so `updated_at` moves only when the content did. Rows are never deleted by a crawl: a resource missing from one
-- crawl (another postal code, a server that hides it) stays as last seen. Deleting the source deletes its rows.
CREATE TABLE fhir_patients (
    tenant_id          uuid        NOT NULL,
    source_id          uuid        NOT NULL,
    patient_id         text        NOT NULL,
    identifier_system  text,
    identifier_value   text,
    family_name        text,
    given_names        text,
    birth_date         date,
    gender             text        CHECK (gender IN ('male', 'female', 'other', 'unknown')),
    address_lines      text,
    city               text,
    postal_code        text,
    phone              text,
    email              text,
    version_id         text,
    last_updated       timestamptz,
    content_hash       bytea       NOT NULL CHECK (length(content_hash) = 32),
    first_seen_at      timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, source_id, patient_id),
    FOREIGN KEY (tenant_id, source_id) REFERENCES fhir_sources (tenant_id, source_id) ON DELETE CASCADE
);

-- Name searches are case-insensitive (lower() on both sides); text_pattern_ops serves equality and prefix
-- (LIKE 'smi%') whatever the database's collation.
CREATE INDEX fhir_patients_family_name ON fhir_patients (tenant_id, lower(family_name) text_pattern_ops);
CREATE INDEX fhir_patients_given_names ON fhir_patients (tenant_id, lower(given_names) text_pattern_ops);
CREATE INDEX fhir_patients_postal_code ON fhir_patients (tenant_id, postal_code);
CREATE INDEX fhir_patients_birth_date ON fhir_patients (tenant_id, birth_date);

CREATE TABLE fhir_observations (
    tenant_id            uuid          NOT NULL,
    source_id            uuid          NOT NULL,
    observation_id       text          NOT NULL,
    patient_id           text          NOT NULL,
    status               text          NOT NULL,
    code_system          text,
    code                 text,
    code_display         text,
    value_quantity       numeric,
    value_unit           text,
    value_code           text,
    value_string         text,
    effective_date       date,
    effective_date_time  timestamptz,
    issued               timestamptz,
    version_id           text,
    last_updated         timestamptz,
    -- One column to range over, whether the server sent a date or a date-time (a date counts from its UTC midnight).
    effective_at         timestamptz   GENERATED ALWAYS AS
                             (coalesce(effective_date_time, timezone('UTC', effective_date::timestamp))) STORED,
    content_hash         bytea         NOT NULL CHECK (length(content_hash) = 32),
    first_seen_at        timestamptz   NOT NULL DEFAULT now(),
    updated_at           timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, source_id, observation_id),
    FOREIGN KEY (tenant_id, source_id) REFERENCES fhir_sources (tenant_id, source_id) ON DELETE CASCADE
);

-- A patient's observations (optionally of one code) in a time range, and one code across patients.
CREATE INDEX fhir_observations_patient ON fhir_observations (tenant_id, source_id, patient_id, code, effective_at);
CREATE INDEX fhir_observations_patient_time ON fhir_observations (tenant_id, source_id, patient_id, effective_at);
CREATE INDEX fhir_observations_code ON fhir_observations (tenant_id, code, effective_at);
