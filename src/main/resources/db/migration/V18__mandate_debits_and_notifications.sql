-- Pre-debit notifications (dev.paysession.mandate): the notice a UPI or card mandate's customer
-- gets before a debit (Juspay's pre_debit_notify, or sent by POST /txns itself). The gateway's word
-- decides SUCCESS or FAILURE at once; a debit needs a SUCCESS notice at least 24 h old.
CREATE TABLE mandate_notifications (
    merchant_id            text        NOT NULL,
    notification_id        text        NOT NULL,
    mandate_id             text        NOT NULL,
    object_reference_id    text        NOT NULL,
    description            text,
    amount                 numeric     NOT NULL CHECK (amount > 0),
    currency               text        NOT NULL,
    txn_date               timestamptz NOT NULL,
    display_invoice_number text,
    status                 text        NOT NULL
        CHECK (status IN ('CREATED', 'PENDING', 'SUCCESS', 'FAILURE')),
    provider_name          text        NOT NULL,
    provider_ref_id        text        NOT NULL,
    response_code          text,
    response_message       text,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    PRIMARY KEY (merchant_id, notification_id),
    FOREIGN KEY (merchant_id, mandate_id) REFERENCES mandates (merchant_id, mandate_id)
);
CREATE INDEX mandate_notifications_of_mandate
    ON mandate_notifications (merchant_id, mandate_id, created_at);

-- Debits of a mandate (POST /txns): one per debit order, SCHEDULED until its execution date, then
-- CHARGED or FAILED (eNACH: PRESENTED to the bank first, settled after a delay). The mandate's row
-- lock serialises the debits of one mandate, so the frequency rules are checked against the
-- committed debits here.
CREATE TABLE mandate_debits (
    merchant_id     text        NOT NULL,
    order_id        text        NOT NULL,
    mandate_id      text        NOT NULL,
    txn_id          text        NOT NULL,
    amount          numeric     NOT NULL CHECK (amount > 0),
    currency        text        NOT NULL,
    execution_date  timestamptz NOT NULL,
    notification_id text,
    status          text        NOT NULL
        CHECK (status IN ('SCHEDULED', 'PRESENTED', 'CHARGED', 'FAILED')),
    due_at          timestamptz NOT NULL,
    failure         text,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (merchant_id, order_id),
    FOREIGN KEY (merchant_id, order_id) REFERENCES orders (merchant_id, order_id),
    FOREIGN KEY (merchant_id, mandate_id) REFERENCES mandates (merchant_id, mandate_id),
    FOREIGN KEY (merchant_id, notification_id)
        REFERENCES mandate_notifications (merchant_id, notification_id)
);
CREATE INDEX mandate_debits_of_mandate ON mandate_debits (merchant_id, mandate_id, execution_date);
CREATE INDEX mandate_debits_due ON mandate_debits (due_at)
    WHERE status IN ('SCHEDULED', 'PRESENTED');
-- A notification announces one debit; a failed debit frees it for the merchant's retry.
CREATE UNIQUE INDEX mandate_debits_one_per_notification ON mandate_debits (merchant_id, notification_id)
    WHERE notification_id IS NOT NULL AND status <> 'FAILED';
