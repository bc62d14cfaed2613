-- Every unique key carries merchant_id, so the schema can be sharded by merchant
-- (docs/scaling.md; DistributableSchemaTest checks it). An attempt's uuid is random, so it is
-- unique per merchant exactly when it is unique at all; the page always looks it up with its
-- merchant (order/AttemptStore), which this index serves.
CREATE UNIQUE INDEX transactions_by_merchant_uuid ON transactions (merchant_id, txn_uuid);
DROP INDEX transactions_by_uuid;
