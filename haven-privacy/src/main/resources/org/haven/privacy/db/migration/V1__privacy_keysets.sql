-- Tink keysets per (tenant, scope, purpose), wrapped by the master key. Only ciphertext is stored here; the
-- associated data binding tenant, scope and purpose is recomputed on read, so a row copied elsewhere fails to unwrap.
CREATE TABLE privacy_keysets (
    tenant_id      TEXT        NOT NULL,
    scope          TEXT        NOT NULL,
    purpose        TEXT        NOT NULL CHECK (purpose IN ('TOKENISE', 'PSEUDONYMISE', 'ENCRYPT')),
    keyset_id      TEXT        NOT NULL,
    version        INTEGER     NOT NULL CHECK (version >= 1),
    wrapped_keyset BYTEA       NOT NULL,
    master_key_id  TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (tenant_id, scope, purpose),
    UNIQUE (tenant_id, keyset_id)
);
