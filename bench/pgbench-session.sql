-- The database ceiling: what one POST /session writes, as pgbench sees it (run with -M prepared,
-- like pgjdbc's server-prepared statements). One transaction: the order row (ON CONFLICT DO
-- NOTHING on the primary key) and its client auth token, same columns, sizes and indexes as
-- OrderStore; the API-key lookup the server also does per request is left out, so this is the
-- strictest ceiling. Variables from bench/run: -D merchant=… -D client=… -D body='<the JSON body>'
-- -D details='<the typed details the server stored for a warm-up session>'.
\set n random(1, 9000000000000000000)
BEGIN;
INSERT INTO orders (merchant_id, order_id, id, status, amount, currency, customer_id, routing_id,
                    payment_page_client_id, action, return_url, expires_at, request, details,
                    created_at, updated_at)
  VALUES (:merchant, 'p' || :n, 'ordeh_' || md5(:n::text), 'NEW', 1.0, 'INR',
          'testing-customer-one', 'testing-customer-one', :client, 'paymentPage',
          'https://shop.merchant.com', NULL, :body::jsonb, :details::jsonb, now(), now())
  ON CONFLICT (merchant_id, order_id) DO NOTHING;
INSERT INTO client_auth_tokens (merchant_id, token_hash, order_id, expires_at)
  VALUES (:merchant, sha256(convert_to('tkn_' || md5(:n::text), 'UTF8')), 'p' || :n,
          now() + interval '15 minutes');
COMMIT;
