-- Gateways take the merchant's transaction id with each payment and can be asked about a payment by
-- it. That is how an attempt whose gateway answer was never stored (database down, server killed
-- between the gateway call and our commit) is reconciled: the sandbox keeps it like a real gateway.
ALTER TABLE sandbox_payments ADD COLUMN txn_id text;
CREATE UNIQUE INDEX sandbox_payments_by_txn_id ON sandbox_payments (merchant_id, txn_id)
    WHERE txn_id IS NOT NULL;
