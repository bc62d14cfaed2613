-- A charge that lost a race is given back by a refund row (initiated_by 'AUTO_REFUNDED'), sent and
-- settled by the refunds job like every refund, instead of transactions.refund_status retried for
-- ever. The auto-refunds recorded the old way move here: an owed one becomes a PENDING refund not
-- yet sent (the refunds job sends it), a confirmed one a SUCCESS refund with the gateway's
-- reference, so refunds[] shows every auto-refund. Ids are made from the transaction, so running
-- this on a copy gives the same rows; the '.' keeps unique_request_id out of the merchants'
-- alphabet ([A-Za-z0-9_-]). The old columns stay, unused, for a later release to drop.
INSERT INTO refunds (merchant_id, refund_id, order_id, txn_id, unique_request_id, amount,
                     charged_amount, currency, status, sent_to_gateway, refund_type, initiated_by,
                     gateway, gateway_txn_id, gateway_reference, created_at, updated_at)
SELECT merchant_id,
       'rfd_' || md5(merchant_id || '/' || txn_id),
       order_id,
       txn_id,
       'auto.' || substr(md5(merchant_id || '/' || txn_id), 1, 15),
       amount,
       amount,
       currency,
       refund_status,
       refund_status = 'SUCCESS',
       'STANDARD',
       'AUTO_REFUNDED',
       gateway,
       gateway_txn_id,
       refund_reference,
       updated_at,
       updated_at
FROM transactions
WHERE status = 'AUTO_REFUNDED' AND refund_status IN ('PENDING', 'SUCCESS')
ON CONFLICT DO NOTHING;

-- Nothing walks the old backlog any more.
DROP INDEX IF EXISTS transactions_refunds_owed_due;
