-- Relationships of the authorization engine, and the ordered change log that lets every process keep an exact
-- in-memory view. Writers serialise on a transaction-level advisory lock, so revisions commit in order.
CREATE TABLE authz_store (
    store_id text PRIMARY KEY
);
INSERT INTO authz_store (store_id) VALUES (gen_random_uuid()::text);

CREATE TABLE authz_relationships (
    resource_type    text        NOT NULL,
    resource_id      text        NOT NULL,
    relation         text        NOT NULL,
    subject_type     text        NOT NULL,
    subject_id       text        NOT NULL,
    subject_relation text        NOT NULL DEFAULT '',
    caveat_name      text,
    caveat_context   text,
    expires_at       timestamptz,
    revision         bigint      NOT NULL,
    PRIMARY KEY (resource_type, resource_id, relation, subject_type, subject_id, subject_relation)
);
CREATE INDEX authz_relationships_by_subject ON authz_relationships (subject_type, subject_id, subject_relation);

CREATE TABLE authz_revisions (
    revision     bigint      PRIMARY KEY,
    committed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE authz_changes (
    revision         bigint  NOT NULL REFERENCES authz_revisions (revision),
    position         integer NOT NULL,
    operation        text    NOT NULL CHECK (operation IN ('TOUCH', 'DELETE')),
    resource_type    text    NOT NULL,
    resource_id      text    NOT NULL,
    relation         text    NOT NULL,
    subject_type     text    NOT NULL,
    subject_id       text    NOT NULL,
    subject_relation text    NOT NULL,
    caveat_name      text,
    caveat_context   text,
    expires_at       timestamptz,
    PRIMARY KEY (revision, position)
);
