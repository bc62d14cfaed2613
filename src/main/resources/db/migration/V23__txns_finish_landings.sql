-- POST /txns with redirect_after_payment=false (dev.paysession.txns): the attempts whose customer
-- ends on paysession's own finish page (/v2/pay/finish/…) instead of the order's return URL. Only
-- such attempts have a row; every other attempt ends as a payment-page attempt does.
CREATE TABLE txns_finish_landings (
    merchant_id text        NOT NULL,
    txn_uuid    text        NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (merchant_id, txn_uuid),
    FOREIGN KEY (merchant_id, txn_uuid) REFERENCES transactions (merchant_id, txn_uuid)
);
