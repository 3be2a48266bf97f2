-- Grants of a dataset to a project: the most a read may return there (IDENTIFIABLE, PSEUDONYMISED or AGGREGATE),
-- optionally one version only, optionally until a time, and optionally a privacy policy that shapes pseudonymised
-- reads (null: the standard policy, DIRECT fields tokenised). A project holds at most one grant of a dataset;
-- granting again replaces it. The relationships that enforce a grant (`dataset#project` and
-- `dataset#granted_<result type>`) are written in the same transaction as its row; revoking deletes both.
CREATE TABLE dataset_grants (
    tenant_id        uuid        NOT NULL,
    id               uuid        NOT NULL,
    dataset_id       uuid        NOT NULL,
    project_id       uuid        NOT NULL REFERENCES projects (id),
    result_type      text        NOT NULL CHECK (result_type IN ('IDENTIFIABLE', 'PSEUDONYMISED', 'AGGREGATE')),
    dataset_version  integer     CHECK (dataset_version >= 1),
    policy           jsonb,
    expires_at       timestamptz,
    granted_by       text        NOT NULL,
    granted_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, id),
    UNIQUE (dataset_id, project_id),
    FOREIGN KEY (tenant_id, dataset_id) REFERENCES datasets (tenant_id, id)
);
