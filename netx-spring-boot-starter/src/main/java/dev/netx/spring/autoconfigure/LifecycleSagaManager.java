package dev.netx.spring.autoconfigure;

import dev.netx.Netx;
import dev.netx.SagaManager;
import dev.netx.SagaOutcome;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link SagaManager} bean: the node's own, looked up on each call, so that beans can depend on
 * it before the node starts. Calls before the node started, or after it stopped, fail with an
 * {@link IllegalStateException}.
 */
final class LifecycleSagaManager implements SagaManager {

    private final Netx netx;

    LifecycleSagaManager(Netx netx) {
        this.netx = netx;
    }

    @Override
    public CompletableFuture<String> start(Object event) {
        return netx.sagaManager().start(event);
    }

    @Override
    public CompletableFuture<String> start(String key, Object event) {
        return netx.sagaManager().start(key, event);
    }

    @Override
    public CompletableFuture<Optional<String>> findByKey(String key) {
        return netx.sagaManager().findByKey(key);
    }

    @Override
    public CompletableFuture<String> join(String sagaId, Object event) {
        return netx.sagaManager().join(sagaId, event);
    }

    @Override
    public CompletableFuture<String> commit(String sagaId, Object event) {
        return netx.sagaManager().commit(sagaId, event);
    }

    @Override
    public CompletableFuture<String> rollback(String sagaId, String cause, Object event) {
        return netx.sagaManager().rollback(sagaId, cause, event);
    }

    @Override
    public CompletableFuture<Boolean> exists(String sagaId) {
        return netx.sagaManager().exists(sagaId);
    }

    @Override
    public CompletableFuture<SagaOutcome> outcome(String sagaId) {
        return netx.sagaManager().outcome(sagaId);
    }

    @Override
    public CompletableFuture<SagaOutcome> awaitOutcome(String sagaId, Duration timeout) {
        return netx.sagaManager().awaitOutcome(sagaId, timeout);
    }

    @Override
    public String toString() {
        return "SagaManager of Netx node " + netx.options().nodeName();
    }
}
