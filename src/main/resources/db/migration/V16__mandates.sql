-- Mandates (dev.paysession.mandate): a standing permission to debit a customer, registered by a
-- payment attempt on an order with options.create_mandate (the registration order), then debited
-- by later orders. Its status is separate from any payment's status (Juspay: a transaction can be
-- CHARGED while the mandate is still CREATED); MandateStateMachine is its only writer.
CREATE TABLE mandates (
    merchant_id           text        NOT NULL,
    mandate_id            text        NOT NULL,
    mandate_token         text        NOT NULL,
    -- The registration order and the attempt on it that registers this mandate.
    order_id              text        NOT NULL,
    registration_txn_id   text        NOT NULL,
    customer_id           text,
    status                text        NOT NULL
        CHECK (status IN ('CREATED', 'ACTIVE', 'PAUSED', 'REVOKED', 'FAILURE', 'EXPIRED')),
    mandate_type          text        NOT NULL CHECK (mandate_type IN ('EMANDATE', 'MANDATE')),
    payment_method_type   text        NOT NULL,
    payment_method        text        NOT NULL,
    payer_vpa             text,
    -- eNACH: how the customer authorised it (NETBANKING, DEBIT_CARD, AADHAAR) and the account.
    auth_type             text,
    bank_details          jsonb,
    max_amount            numeric     NOT NULL CHECK (max_amount > 0),
    currency              text        NOT NULL,
    amount_rule           text        NOT NULL CHECK (amount_rule IN ('FIXED', 'VARIABLE')),
    frequency             text        NOT NULL,
    rule_type             text        CHECK (rule_type IN ('ON', 'BEFORE', 'AFTER')),
    rule_value            integer,
    start_date            timestamptz NOT NULL,
    end_date              timestamptz NOT NULL,
    revokable_by_customer boolean     NOT NULL,
    block_fund            boolean     NOT NULL,
    mandate_debit_token   text,
    pause_start_date      timestamptz,
    pause_end_date        timestamptz,
    activated_at          timestamptz,
    last_activated_at     timestamptz,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    PRIMARY KEY (merchant_id, mandate_id),
    FOREIGN KEY (merchant_id, order_id) REFERENCES orders (merchant_id, order_id),
    CONSTRAINT mandates_dates CHECK (end_date > start_date)
);
CREATE UNIQUE INDEX mandates_by_token ON mandates (merchant_id, mandate_token);
CREATE UNIQUE INDEX mandates_by_registration ON mandates (merchant_id, registration_txn_id);
CREATE INDEX mandates_of_customer ON mandates (merchant_id, customer_id, created_at);
-- The expiry and pause jobs walk the mandates whose next date has come.
CREATE INDEX mandates_live_end ON mandates (end_date) WHERE status IN ('ACTIVE', 'PAUSED', 'CREATED');
CREATE INDEX mandates_paused_end ON mandates (pause_end_date) WHERE status = 'PAUSED';

-- What an attempt is for, as Juspay types it (txn_detail.txn_object_type): null is an ordinary
-- payment (ORDER_PAYMENT); a mandate's registration or debit names the mandate it belongs to.
ALTER TABLE transactions ADD COLUMN txn_object_type text
    CHECK (txn_object_type IN ('EMANDATE_REGISTER', 'MANDATE_REGISTER', 'EMANDATE_PAYMENT',
                               'MANDATE_PAYMENT'));
ALTER TABLE transactions ADD COLUMN source_object_id text;
ALTER TABLE transactions ADD CONSTRAINT transactions_mandate_source
    CHECK ((txn_object_type IS NULL) = (source_object_id IS NULL));
