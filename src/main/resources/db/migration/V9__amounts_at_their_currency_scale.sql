-- Amounts are stored at the scale of their currency's minor unit: 100 (JPY), 100.00 (INR),
-- 1.250 (KWD). An unconstrained numeric keeps the scale it is given, so an amount reads back
-- exactly as it was written; numeric(14,2) rounded a three-decimal amount. The bounds that
-- numeric(14,2) gave are kept as constraints: at most 12 integer digits, and at most 4 decimals
-- (the most any ISO 4217 currency has).
ALTER TABLE orders
    ALTER COLUMN amount TYPE numeric,
    ADD CONSTRAINT orders_amount_digits
        CHECK (amount < 1000000000000 AND scale(amount) <= 4);
ALTER TABLE transactions
    ALTER COLUMN amount TYPE numeric,
    ADD CONSTRAINT transactions_amount_digits
        CHECK (amount < 1000000000000 AND scale(amount) <= 4);
