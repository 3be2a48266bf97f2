-- Responses remembered for requests sent with an Idempotency-Key header, so a client that retries a POST
-- which starts work (an upload, a pipeline run) gets the first answer again instead of starting it twice.
-- The scope names who the key belongs to (the caller and their tenant), so keys never collide across callers.
CREATE TABLE idempotency_keys (
    scope               text        NOT NULL,
    idempotency_key     text        NOT NULL,
    request_fingerprint text        NOT NULL,
    response_status     integer,
    response_type       text,
    response_body       bytea,
    created_at          timestamptz NOT NULL DEFAULT now(),
    completed_at        timestamptz,
    PRIMARY KEY (scope, idempotency_key),
    CHECK (length(idempotency_key) BETWEEN 1 AND 255),
    CHECK ((completed_at IS NULL) = (response_status IS NULL))
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
