-- A tenant's own disclosure control for aggregates of its datasets, at least as strict as the server's: counts at
-- or below sdc_threshold suppressed, the rest rounded to sdc_rounding_base. No row: the server's settings.
CREATE TABLE tenant_disclosure_control (
    tenant_id          uuid        PRIMARY KEY REFERENCES tenants (id),
    sdc_threshold      integer     NOT NULL CHECK (sdc_threshold BETWEEN 0 AND 1000),
    sdc_rounding_base  integer     NOT NULL CHECK (sdc_rounding_base BETWEEN 1 AND 1000),
    updated_by         text        NOT NULL,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
