-- Test clocks (dev.paysession.mandate): how far a sandbox merchant has moved its own time ahead of
-- the installation's clock, so its tests see a month of mandate work (pauses ending, expiries,
-- notifications, debits) in seconds. Only ever moves forward; a production merchant has no row.
CREATE TABLE merchant_test_clocks (
    merchant_id   text        PRIMARY KEY REFERENCES merchants (merchant_id),
    offset_millis bigint      NOT NULL CHECK (offset_millis >= 0),
    updated_at    timestamptz NOT NULL
);

-- The scheduled-pause work walks the ACTIVE mandates whose pause is to start.
CREATE INDEX mandates_pause_start ON mandates (pause_start_date)
    WHERE status = 'ACTIVE' AND pause_start_date IS NOT NULL;
