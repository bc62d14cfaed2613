-- How the customer was authenticated for a card attempt (Juspay's order-status auth_type):
-- THREE_DS after the issuer's challenge, NO_THREE_DS when the gateway charged a card that is not
-- enrolled in 3-D Secure on an order with metadata.txns.allow_card_no_3ds. NULL for rows written
-- before this column and for other methods; readers treat NULL on a card as THREE_DS, which every
-- card attempt was until then.
ALTER TABLE transactions ADD COLUMN auth_type text;
