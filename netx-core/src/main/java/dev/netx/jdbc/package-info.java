/**
 * Exactly-once side effects in a participant's own database: {@link dev.netx.jdbc.JdbcIdempotency}
 * records a handler's idempotency key in the same transaction as its writes. Plain {@code java.sql}.
 */
package dev.netx.jdbc;
