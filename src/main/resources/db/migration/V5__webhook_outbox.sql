-- Webhooks: where each merchant wants them, and the outbox they are delivered from.

-- Juspay's delivery settings (URL, Basic auth, custom headers) plus our Standard Webhooks signing
-- secret. Secrets are sealed with the installation key like the response key. During a rotation
-- the previous secret keeps signing beside the new one until it expires.
ALTER TABLE merchants
    ADD COLUMN webhook_url                      text,
    ADD COLUMN webhook_username                 text,
    ADD COLUMN webhook_password_sealed          bytea,
    ADD COLUMN webhook_headers_sealed           bytea,
    ADD COLUMN webhook_secret_sealed            bytea,
    ADD COLUMN webhook_previous_secret_sealed   bytea,
    ADD COLUMN webhook_previous_secret_expires  timestamptz;

-- One row per event, written in the same transaction as the state change that causes it, so a
-- crash can never lose one. The payload is stored as the exact text that is sent and signed.
CREATE TABLE webhook_events (
    merchant_id      text NOT NULL,
    event_id         text NOT NULL,
    -- Commit order within an order: events of one order are written under its row lock, so a later
    -- event always has a larger seq, and the dispatcher sends an order's events in seq order.
    seq              bigint GENERATED ALWAYS AS IDENTITY,
    order_id         text NOT NULL,
    event_name       text NOT NULL,
    -- The order's metadata.webhook_url, which wins over the merchant's URL.
    order_webhook_url text,
    payload          text NOT NULL,
    status           text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED', 'NO_ENDPOINT')),
    -- Failed attempts since the event was (re)queued; picks the next retry delay.
    failures         integer NOT NULL DEFAULT 0,
    -- When the event may next be sent. A dispatcher that claims the event moves this forward by its
    -- lease, so a node that dies mid-delivery lets another retry it once the lease has passed.
    next_attempt_at  timestamptz NOT NULL,
    -- Set on each claim; only the claimant may record the outcome.
    claim            text,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz,
    PRIMARY KEY (merchant_id, event_id),
    FOREIGN KEY (merchant_id, order_id) REFERENCES orders (merchant_id, order_id)
);
-- The dispatcher's scan: due events, oldest first.
CREATE INDEX webhook_events_due ON webhook_events (next_attempt_at) WHERE status = 'PENDING';
-- "Is an earlier event of this order still waiting?" and the admin list of an order's events.
CREATE INDEX webhook_events_by_order ON webhook_events (merchant_id, order_id, seq);

-- Every delivery attempt, for the admin API: what was answered and how long it took.
CREATE TABLE webhook_attempts (
    merchant_id   text NOT NULL,
    event_id      text NOT NULL,
    attempt       integer NOT NULL,
    url           text,
    started_at    timestamptz NOT NULL,
    latency_ms    integer,
    http_status   integer,
    -- Our own description of a failure (timeout, refused address, non-2xx); never a secret.
    error         text,
    delivered     boolean NOT NULL,
    PRIMARY KEY (merchant_id, event_id, attempt),
    FOREIGN KEY (merchant_id, event_id) REFERENCES webhook_events (merchant_id, event_id)
);
