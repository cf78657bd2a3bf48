CREATE TABLE IF NOT EXISTS accounts (
  customer_id VARCHAR(64) PRIMARY KEY,
  balance BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS netx_idempotency (
  idempotency_key VARCHAR(512) PRIMARY KEY,
  done_at TIMESTAMP NOT NULL
);
