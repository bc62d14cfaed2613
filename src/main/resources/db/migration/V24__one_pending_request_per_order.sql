-- Issue 18: a second press while a UPI collect request waits in the customer's app must not send a
-- second request (both could be approved, and one debited twice until its refund). The database
-- refuses a new attempt while another is unanswered: one just started (the gateway not heard from
-- yet) or a UPI request the bank has not answered. A card waiting for 3-D Secure is not included:
-- the customer may abandon that page and pay another way, and nothing is debited without them.
-- UPI never passes through PENDING_VBV, so an attempt enters this set only when it is inserted.
CREATE UNIQUE INDEX transactions_one_pending_request_per_order
    ON transactions (merchant_id, order_id)
    WHERE status = 'STARTED' OR (status = 'AUTHORIZING' AND payment_method_type = 'UPI');
