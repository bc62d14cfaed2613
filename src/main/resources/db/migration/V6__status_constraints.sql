-- The database refuses statuses that cannot exist: the order's own statuses (order/OrderStatus),
-- the attempt's (order/TransactionStatus) and the sandbox gateway's view of its payments. Which
-- status may follow which is PaymentStateMachine's to say; these only keep out what no code means.

ALTER TABLE orders ADD CONSTRAINT orders_status_known CHECK (status IN (
    'NEW', 'STARTED', 'CHARGED', 'JUSPAY_DECLINED', 'PENDING_VBV', 'AUTHENTICATION_FAILED',
    'AUTHORIZATION_FAILED', 'AUTHORIZING'));

ALTER TABLE transactions ADD CONSTRAINT transactions_status_known CHECK (status IN (
    'STARTED', 'CHARGED', 'JUSPAY_DECLINED', 'PENDING_VBV', 'AUTHENTICATION_FAILED',
    'AUTHORIZATION_FAILED', 'AUTHORIZING', 'AUTO_REFUNDED'));

-- The sandbox stores a payment once it has taken it; STARTED and AUTO_REFUNDED are ours, never its.
ALTER TABLE sandbox_payments ADD CONSTRAINT sandbox_payments_status_known CHECK (status IN (
    'CHARGED', 'JUSPAY_DECLINED', 'PENDING_VBV', 'AUTHENTICATION_FAILED', 'AUTHORIZATION_FAILED',
    'AUTHORIZING'));
