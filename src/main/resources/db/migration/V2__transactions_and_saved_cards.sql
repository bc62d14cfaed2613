-- Payment attempts on an order, and the cards customers chose to save.

CREATE TABLE transactions (
    merchant_id          text NOT NULL,
    order_id             text NOT NULL,
    -- 1..25: Juspay allows at most 25 attempts per order; txn_id is {merchant_id}-{order_id}-{attempt}.
    attempt              integer NOT NULL CHECK (attempt BETWEEN 1 AND 25),
    txn_id               text NOT NULL,
    txn_uuid             text NOT NULL,
    status               text NOT NULL,
    amount               numeric(14, 2) NOT NULL,
    currency             text NOT NULL,
    routing_id           text NOT NULL,
    gateway              text NOT NULL,
    gateway_id           integer NOT NULL,
    -- The gateway's own id for the attempt, known once the gateway has answered.
    gateway_txn_id       text,
    payment_method_type  text NOT NULL CHECK (payment_method_type IN ('CARD', 'UPI', 'NB', 'WALLET')),
    payment_method       text NOT NULL,
    -- Only brand and last four digits of a card are ever stored.
    card_brand           text,
    card_last_four       char(4),
    card_token           text,
    -- A token the customer asked to save; the card is saved once this attempt is charged.
    card_token_to_save   text,
    payer_vpa            text,
    txn_flow_type        text,
    rrn                  text,
    resp_code            text,
    resp_message         text,
    error_code           text,
    error_message        text,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (merchant_id, order_id, attempt),
    UNIQUE (merchant_id, txn_id),
    FOREIGN KEY (merchant_id, order_id) REFERENCES orders (merchant_id, order_id)
);
-- The database decides races between two payments on one order: only one can be CHARGED.
CREATE UNIQUE INDEX transactions_one_charged_per_order
    ON transactions (merchant_id, order_id) WHERE status = 'CHARGED';
-- The payment page addresses an attempt by its random uuid, never by the guessable txn_id.
CREATE UNIQUE INDEX transactions_by_uuid ON transactions (txn_uuid);
-- The sweeper that settles or times out unfinished attempts reads only these.
CREATE INDEX transactions_unfinished ON transactions (created_at)
    WHERE status IN ('STARTED', 'PENDING_VBV', 'AUTHORIZING');

CREATE TABLE saved_cards (
    merchant_id   text NOT NULL,
    customer_id   text NOT NULL,
    -- The gateway's token for the card; the number itself stays with the gateway.
    card_token    text NOT NULL,
    gateway       text NOT NULL,
    card_brand    text NOT NULL,
    last_four     char(4) NOT NULL,
    created_at    timestamptz NOT NULL,
    PRIMARY KEY (merchant_id, customer_id, card_token)
);

-- The sandbox gateway's own state, as a real gateway keeps it on its side: what a tokenised test
-- card does when charged again, and each payment's behaviour and settlement time.
CREATE TABLE sandbox_card_vault (
    merchant_id  text NOT NULL,
    card_token   text NOT NULL,
    behaviour    text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (merchant_id, card_token)
);

CREATE TABLE sandbox_payments (
    merchant_id     text NOT NULL,
    gateway_txn_id  text NOT NULL,
    behaviour       text NOT NULL,
    -- The sandbox's view of the payment: the same status names as transactions.
    status          text NOT NULL,
    -- When a pending payment settles; null for payments that need no settlement.
    settles_at      timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (merchant_id, gateway_txn_id)
);
