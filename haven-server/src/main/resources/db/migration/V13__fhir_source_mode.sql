-- How an ingest reads a FHIR source: 'search' pages Patient and Observation searches (every source so far),
-- 'bulk_export' runs an asynchronous FHIR Bulk Data Patient/$export.
ALTER TABLE fhir_sources
    ADD COLUMN mode text NOT NULL DEFAULT 'search' CHECK (mode IN ('search', 'bulk_export'));
