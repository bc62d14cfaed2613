-- Reconciliation jobs (dev.paysession.reconcile) check unfinished attempts and owed refunds until
-- they end. Each row carries its own backoff, so a row the gateway keeps pending (or keeps refusing
-- to refund) waits its turn instead of holding the head of every batch. Rows never checked have
-- next_check_at NULL: due from their start (attempts) or since they were last written (refunds).
ALTER TABLE transactions
    ADD COLUMN next_check_at  timestamptz,
    -- Checks in a row that did not finish the row; each one doubles the wait before the next.
    ADD COLUMN check_failures integer NOT NULL DEFAULT 0 CHECK (check_failures >= 0);

-- The due queries walk these in due order and stop at the batch size.
DROP INDEX transactions_unfinished;
CREATE INDEX transactions_unfinished_due ON transactions ((coalesce(next_check_at, created_at)))
    WHERE status IN ('STARTED', 'PENDING_VBV', 'AUTHORIZING');
DROP INDEX transactions_refunds_owed;
CREATE INDEX transactions_refunds_owed_due ON transactions ((coalesce(next_check_at, updated_at)))
    WHERE refund_status = 'PENDING';
