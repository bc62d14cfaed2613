-- Every table's key starts with merchant_id so the schema can be distributed by merchant.

-- One row: secrets this installation generated for itself (the API-key hashing pepper).
CREATE TABLE installation_secret (
    name        text PRIMARY KEY,
    value       bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE merchants (
    merchant_id           text PRIMARY KEY,
    name                  text NOT NULL,
    environment           text NOT NULL CHECK (environment IN ('sandbox', 'production')),
    default_return_url    text,
    supported_currencies  text[] NOT NULL DEFAULT ARRAY['INR'],
    upi_payee_vpa         text,
    upi_payee_name        text,
    upi_merchant_code     text,
    -- AES-GCM sealed with the installation's sealing key; needed in clear to sign redirects.
    response_key_sealed   bytea NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE merchant_client_ids (
    merchant_id  text NOT NULL REFERENCES merchants (merchant_id),
    client_id    text NOT NULL,
    PRIMARY KEY (merchant_id, client_id)
);

CREATE TABLE merchant_api_keys (
    merchant_id     text NOT NULL REFERENCES merchants (merchant_id),
    key_id          text NOT NULL,
    -- HMAC-SHA256 of the key under the installation pepper; the key itself is never stored.
    key_hash        bytea NOT NULL,
    display_prefix  text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at      timestamptz,
    PRIMARY KEY (merchant_id, key_id),
    UNIQUE (merchant_id, key_hash)
);

CREATE TABLE orders (
    merchant_id             text NOT NULL REFERENCES merchants (merchant_id),
    order_id                text NOT NULL,
    id                      text NOT NULL,
    status                  text NOT NULL,
    amount                  numeric(14, 2) NOT NULL CHECK (amount >= 1),
    currency                text NOT NULL,
    customer_id             text,
    routing_id              text NOT NULL,
    payment_page_client_id  text NOT NULL,
    action                  text NOT NULL,
    return_url              text,
    expires_at              timestamptz,
    -- Everything the merchant sent, keys exactly as received (unknown keys included).
    request                 jsonb NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (merchant_id, order_id)
);
-- The payment page is addressed by the public id alone.
CREATE INDEX orders_by_public_id ON orders (id);

CREATE TABLE client_auth_tokens (
    merchant_id  text NOT NULL,
    token_hash   bytea NOT NULL,
    order_id     text NOT NULL,
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (merchant_id, token_hash),
    FOREIGN KEY (merchant_id, order_id) REFERENCES orders (merchant_id, order_id)
);
-- SDK calls present only the token.
CREATE INDEX client_auth_tokens_by_hash ON client_auth_tokens (token_hash);
