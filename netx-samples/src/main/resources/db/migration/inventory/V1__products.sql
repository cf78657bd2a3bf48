-- IF NOT EXISTS: a schema from before Flyway is baselined at version 0 and keeps its tables, and
-- payment, in a database shared with it, has a netx_idempotency table too.
CREATE TABLE IF NOT EXISTS products (
  product_id VARCHAR(64) PRIMARY KEY,
  stock BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS netx_idempotency (
  idempotency_key VARCHAR(512) PRIMARY KEY,
  done_at TIMESTAMP NOT NULL
);
