/**
 * Real {@code redis-server} processes for tests: a standalone server, a Redis Cluster or a Sentinel
 * setup, each on free ports of {@code 127.0.0.1} with its own temporary directory, that a test can
 * kill, pause, resume and restart. {@link dev.netx.test.RedisLauncher} starts and reaps them,
 * {@link dev.netx.test.RedisTest} injects them into JUnit tests, and
 * {@link dev.netx.test.RedisBinary} chooses which {@code redis-server} runs.
 */
package dev.netx.test;
