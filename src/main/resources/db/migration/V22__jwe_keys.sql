-- JWE keys (dev.paysession.jwe): for Juspay's encrypted calls on /v4. Each key pairs a merchant's
-- RSA public key (which verifies its signatures and encrypts our answers) with an RSA key pair the
-- server made for it (whose private key opens the merchant's requests and signs our answers). One
-- kid names both, as in Juspay's SDK. A merchant may hold several live keys during a rotation; a
-- retired key stays for the record but opens nothing.
--
-- key_id is unique per merchant: it is random (128 bits), and /v4 looks it up together with the
-- x-merchantid header every call carries, so the lookup is unambiguous and stays on one shard.
CREATE TABLE jwe_keys (
    merchant_id               text        NOT NULL REFERENCES merchants (merchant_id),
    key_id                    text        NOT NULL,
    -- SubjectPublicKeyInfo DER of the merchant's public key.
    merchant_public_key       bytea       NOT NULL,
    -- SubjectPublicKeyInfo DER of the server's public key, shown to the merchant.
    server_public_key         bytea       NOT NULL,
    -- PKCS#8 of the server's private key, sealed under the master key (merchant/InstallationKeys),
    -- bound to this merchant; a master-key rotation re-seals it.
    server_private_key_sealed bytea       NOT NULL,
    created_at                timestamptz NOT NULL,
    retired_at                timestamptz,
    PRIMARY KEY (merchant_id, key_id)
);
