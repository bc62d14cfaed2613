-- POST /orders makes an order before any session: it has no payment page client until the first
-- POST /session on it stores one (order/OrderBatch UPDATE_REOPENED). NULL marks "no session yet".
ALTER TABLE orders ALTER COLUMN payment_page_client_id DROP NOT NULL;
