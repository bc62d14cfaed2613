-- A paymentManagement session manages a customer's saved instruments and pays nothing; Juspay's
-- sample sends it without an order id or an amount, and such an order is stored with amount 0.
-- Every other order still needs at least 1.
ALTER TABLE orders DROP CONSTRAINT orders_amount_check;
ALTER TABLE orders ADD CONSTRAINT orders_amount_check
    CHECK (amount >= 1 OR (action = 'paymentManagement' AND amount = 0));
