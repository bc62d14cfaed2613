-- What POST /session validated, typed, in Juspay's field names (order/OrderDetailsJson): readers
-- use this instead of looking keys up in the raw body. `request` stays: a repeated session echoes
-- it in its sdk_payload. Rows stored before this column keep details NULL and are read from
-- `request` (OrderDetailsJson.legacy), so an upgrade rewrites no row.
ALTER TABLE orders ADD COLUMN details jsonb;
