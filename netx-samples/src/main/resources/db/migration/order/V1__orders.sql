-- IF NOT EXISTS: a schema from before Flyway is baselined at version 0 and keeps its tables.
CREATE TABLE IF NOT EXISTS orders (
  order_id VARCHAR(64) PRIMARY KEY,
  saga_id VARCHAR(128) NOT NULL,
  customer_id VARCHAR(64) NOT NULL,
  product_id VARCHAR(64) NOT NULL,
  quantity INT NOT NULL,
  amount BIGINT NOT NULL,
  status VARCHAR(16) NOT NULL,
  reason_type VARCHAR(512),
  reason_message VARCHAR(2048)
);
