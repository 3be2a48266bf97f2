-- Data sources (a tenant's storage areas), the files uploaded into them and the multipart uploads still in
-- progress. Who may use a source is not stored here: admin, writer and reader are relationships in the
-- authorization engine, written in the same transaction as these rows.

CREATE TABLE data_sources (
    tenant_id        uuid        NOT NULL REFERENCES tenants (id),
    id               uuid        NOT NULL UNIQUE,
    name             text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description      text        CHECK (length(description) <= 2000),
    kind             text        NOT NULL DEFAULT 'upload' CHECK (kind IN ('upload')),
    created_by       text        NOT NULL,
    created_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

-- One row per upload. The content is an immutable object addressed by its SHA-256 (object_key), shared by every
-- file of the source with the same bytes. Uploading to a path again adds a newer file; nothing is overwritten.
CREATE TABLE source_files (
    tenant_id     uuid        NOT NULL,
    source_id     uuid        NOT NULL,
    id            uuid        NOT NULL UNIQUE,
    path          text        NOT NULL CHECK (length(path) BETWEEN 1 AND 1024),
    size          bigint      NOT NULL CHECK (size >= 0),
    sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    content_type  text        NOT NULL,
    object_key    text        NOT NULL,
    uploaded_by   text        NOT NULL,
    uploaded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, source_id) REFERENCES data_sources (tenant_id, id)
);
CREATE INDEX source_files_by_path ON source_files (tenant_id, source_id, path, id);
CREATE INDEX source_files_by_object ON source_files (tenant_id, object_key);

-- Resumable uploads: parts arrive in any order and are assembled on completion. Abandoned ones expire.
CREATE TABLE multipart_uploads (
    tenant_id      uuid        NOT NULL,
    source_id      uuid        NOT NULL,
    id             uuid        NOT NULL UNIQUE,
    path           text        NOT NULL CHECK (length(path) BETWEEN 1 AND 1024),
    declared_size  bigint      CHECK (declared_size >= 0),
    content_type   text        NOT NULL,
    started_by     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, id),
    FOREIGN KEY (tenant_id, source_id) REFERENCES data_sources (tenant_id, id)
);
CREATE INDEX multipart_uploads_expiry ON multipart_uploads (expires_at);

CREATE TABLE upload_parts (
    tenant_id    uuid        NOT NULL,
    upload_id    uuid        NOT NULL,
    part_number  integer     NOT NULL CHECK (part_number BETWEEN 1 AND 10000),
    size         bigint      NOT NULL CHECK (size >= 0),
    sha256       text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, upload_id, part_number),
    FOREIGN KEY (tenant_id, upload_id) REFERENCES multipart_uploads (tenant_id, id) ON DELETE CASCADE
);
