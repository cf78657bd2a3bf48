-- IF NOT EXISTS: a schema from before Flyway is baselined at version 0 and keeps its tables, and
-- inventory, in a database shared with it, has a netx_idempotency table too.
CREATE TABLE IF NOT EXISTS accounts (
  customer_id VARCHAR(64) PRIMARY KEY,
  balance BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS netx_idempotency (
  idempotency_key VARCHAR(512) PRIMARY KEY,
  done_at TIMESTAMP NOT NULL
);
