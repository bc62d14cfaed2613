-- Customers (dev.paysession.customer): Juspay's customer object, the merchant's record of one
-- shopper. customer_id is ours (cst_ + 16 lower-case letters or digits, Juspay's shape);
-- object_reference_id is the merchant's own name for the customer, unique per merchant, so a
-- merchant may address a customer by either (docs/api.md, Customers).
CREATE TABLE customers (
    merchant_id          text        NOT NULL,
    customer_id          text        NOT NULL,
    object_reference_id  text        NOT NULL,
    mobile_country_code  text        NOT NULL,
    mobile_number        text        NOT NULL,
    email_address        text,
    first_name           text,
    last_name            text,
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL,
    PRIMARY KEY (merchant_id, customer_id),
    -- A second create with the same reference is refused by this, not by a read before the write.
    CONSTRAINT customers_reference_unique UNIQUE (merchant_id, object_reference_id),
    FOREIGN KEY (merchant_id) REFERENCES merchants (merchant_id)
);

-- Client auth tokens of a customer (options.get_client_auth_token on the customer calls): only
-- their SHA-256 is stored, as for an order's tokens. They let the customer's side read its own
-- customer until they expire.
CREATE TABLE customer_auth_tokens (
    merchant_id  text        NOT NULL,
    token_hash   bytea       NOT NULL,
    customer_id  text        NOT NULL,
    expires_at   timestamptz NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (merchant_id, token_hash),
    FOREIGN KEY (merchant_id, customer_id) REFERENCES customers (merchant_id, customer_id)
);
