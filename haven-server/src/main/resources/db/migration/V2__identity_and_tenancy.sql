-- Who can call Haven, and the organisations they belong to. What each of them may do is not stored here:
-- roles and permissions are relationships in the authorization engine (authz_* tables), written in the same
-- transaction as the rows below.

-- Organisations. A tenant may sit under a parent (a local authority under a regional body).
CREATE TABLE tenants (
    id          uuid        PRIMARY KEY,
    slug        text        NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    parent_id   uuid        REFERENCES tenants (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    CHECK (parent_id IS DISTINCT FROM id)
);

-- People, known by the issuer that vouches for them and their subject there. Local accounts use the issuer
-- 'urn:haven:local'.
CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    issuer        text        NOT NULL,
    subject       text        NOT NULL,
    email         text,
    display_name  text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    last_seen_at  timestamptz,
    UNIQUE (issuer, subject)
);

-- Passwords of the built-in sign-in, hashed with Argon2id. Failed attempts lock the account with backoff.
CREATE TABLE local_accounts (
    user_id          uuid        PRIMARY KEY REFERENCES users (id),
    username         text        NOT NULL,
    password_hash    text        NOT NULL,
    failed_attempts  integer     NOT NULL DEFAULT 0,
    locked_until     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX local_accounts_username ON local_accounts (lower(username));

-- Keys that sign the tokens of the built-in sign-in. Shared by every replica through the database.
CREATE TABLE signing_keys (
    key_id      text        PRIMARY KEY,
    jwk         text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    retired_at  timestamptz
);

-- Service accounts, owned by a tenant.
CREATE TABLE apps (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    id          uuid        NOT NULL UNIQUE,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_by  uuid        REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);

-- API keys of apps and personal access tokens of users. Only a SHA-256 of the secret is kept: the secret is
-- shown once, at creation. An app may hold two keys at once, so a new one can be rolled out before the old one
-- is revoked.
CREATE TABLE api_tokens (
    id           text        PRIMARY KEY,
    tenant_id    uuid        REFERENCES tenants (id),
    app_id       uuid        REFERENCES apps (id),
    user_id      uuid        REFERENCES users (id),
    name         text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    secret_hash  bytea       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    CHECK ((app_id IS NULL) <> (user_id IS NULL)),
    CHECK ((app_id IS NULL) = (tenant_id IS NULL))
);
CREATE INDEX api_tokens_app ON api_tokens (tenant_id, app_id);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Pieces of analysis hosted by one tenant; partners, admins and data users are relationships.
CREATE TABLE projects (
    tenant_id   uuid        NOT NULL REFERENCES tenants (id),
    id          uuid        NOT NULL UNIQUE,
    name        text        NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    description text        CHECK (length(description) <= 2000),
    created_by  uuid        REFERENCES users (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (tenant_id, name)
);
