-- Refunds of charged payments (dev.paysession.refund). A refund is asked for by the merchant
-- (initiated_by 'API'), starts PENDING with sent_to_gateway false, is sent to the gateway of the
-- attempt it refunds and ends SUCCESS, FAILURE or MANUAL_REVIEW. The sum of the refunds that count
-- (all but FAILURE) never exceeds the charge: RefundStateMachine checks it under the order's row
-- lock, and charged_amount (the charge as it was when the refund was taken) bounds each row here.
CREATE TABLE refunds (
    merchant_id       text        NOT NULL,
    refund_id         text        NOT NULL,
    order_id          text        NOT NULL,
    txn_id            text        NOT NULL,
    unique_request_id text        NOT NULL,
    amount            numeric     NOT NULL,
    charged_amount    numeric     NOT NULL,
    currency          text        NOT NULL,
    status            text        NOT NULL
        CHECK (status IN ('PENDING', 'SUCCESS', 'FAILURE', 'MANUAL_REVIEW')),
    sent_to_gateway   boolean     NOT NULL DEFAULT false,
    refund_type       text        NOT NULL CHECK (refund_type IN ('STANDARD', 'INSTANT')),
    initiated_by      text        NOT NULL,
    gateway           text        NOT NULL,
    gateway_txn_id    text,
    gateway_reference text,
    arn               text,
    error_code        text,
    error_message     text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    next_check_at     timestamptz,
    check_failures    integer     NOT NULL DEFAULT 0 CHECK (check_failures >= 0),
    PRIMARY KEY (merchant_id, refund_id),
    CONSTRAINT refunds_amount_positive CHECK (amount > 0 AND scale(amount) <= 4),
    CONSTRAINT refunds_within_charge CHECK (amount <= charged_amount)
);
-- unique_request_id is single-use per merchant (Juspay: "You cannot reuse the value").
CREATE UNIQUE INDEX refunds_unique_request_id ON refunds (merchant_id, unique_request_id);
CREATE INDEX refunds_of_order ON refunds (merchant_id, order_id, created_at);
-- The settlement job walks open refunds in due order.
CREATE INDEX refunds_pending_due ON refunds ((coalesce(next_check_at, created_at)))
    WHERE status = 'PENDING';

-- The sandbox gateway's own view of the refunds it was asked for (gateway.sandbox): received
-- PENDING, then settled by the sandbox's own job once settles_at has passed, to the outcome its
-- test amount decides (PENDING: it never settles).
CREATE TABLE sandbox_refunds (
    merchant_id    text        NOT NULL,
    refund_id      text        NOT NULL,
    gateway_txn_id text        NOT NULL,
    amount         numeric     NOT NULL,
    outcome        text        NOT NULL
        CHECK (outcome IN ('PENDING', 'SUCCESS', 'FAILURE', 'MANUAL_REVIEW')),
    status         text        NOT NULL
        CHECK (status IN ('PENDING', 'SUCCESS', 'FAILURE', 'MANUAL_REVIEW')),
    reference      text        NOT NULL,
    received_at    timestamptz NOT NULL,
    settles_at     timestamptz NOT NULL,
    PRIMARY KEY (merchant_id, refund_id)
);
CREATE INDEX sandbox_refunds_to_settle ON sandbox_refunds (settles_at)
    WHERE status = 'PENDING' AND outcome <> 'PENDING';
