CREATE TABLE IF NOT EXISTS products (
  product_id VARCHAR(64) PRIMARY KEY,
  stock BIGINT NOT NULL
);
CREATE TABLE IF NOT EXISTS netx_idempotency (
  idempotency_key VARCHAR(512) PRIMARY KEY,
  done_at TIMESTAMP NOT NULL
);
