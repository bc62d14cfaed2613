-- A charge on an order that another attempt had already charged is stored as AUTO_REFUNDED and
-- must be refunded through the gateway. The debt is recorded in the same transaction as the
-- outcome, so a crash before the gateway call cannot lose it: the sweeper retries PENDING ones.
ALTER TABLE transactions
    ADD COLUMN refund_status    text CHECK (refund_status IN ('PENDING', 'SUCCESS')),
    ADD COLUMN refund_reference text,
    ADD CONSTRAINT transactions_refund_only_when_auto_refunded
        CHECK (refund_status IS NULL OR status = 'AUTO_REFUNDED');
CREATE INDEX transactions_refunds_owed ON transactions (updated_at)
    WHERE refund_status = 'PENDING';

-- The sandbox refunds a payment in full at most once: asking again returns the first refund.
ALTER TABLE sandbox_payments ADD COLUMN refund_reference text;
