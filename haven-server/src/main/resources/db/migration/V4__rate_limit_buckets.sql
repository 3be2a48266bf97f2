-- Token buckets of the rate limiter, shared by every server replica. Bucket4j owns the state encoding and locks a
-- bucket's row (SELECT ... FOR UPDATE) while it takes a token.
--
-- bucket_key: "<class>:<capacity>/<period>:<SHA-256 of the subject>", so no caller can make a key long and no
--             address or principal name is stored in the clear.
-- expires_at: epoch milliseconds after which the bucket would be full again (plus a margin); rows past it are
--             deleted by the server's periodic purge.
--
-- UNLOGGED: every API request updates a row here, and this state is worth nothing after a crash (buckets simply
-- start full again), so it is not worth a write-ahead log record per request. A low fillfactor and no index on
-- expires_at keep those updates HOT (in place, no index writes); the purge scans the table every few minutes instead.
CREATE UNLOGGED TABLE rate_limit_buckets (
    bucket_key text   PRIMARY KEY,
    state      bytea,
    expires_at bigint,
    CHECK (length(bucket_key) <= 128)
) WITH (fillfactor = 50);
