package dev.netx.spring.endpoint;

import dev.netx.DeadLetter;
import dev.netx.Netx;
import dev.netx.NetxStatus;
import dev.netx.OrchestratorVersion;
import dev.netx.SagaNotFoundException;
import dev.netx.SagaOutcome;
import dev.netx.SagaState;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code netx} actuator endpoint. Over HTTP:
 * <ul>
 *   <li>{@code GET /actuator/netx[?limit=n]}: the node and its namespace's oldest dead letters;</li>
 *   <li>{@code GET /actuator/netx/{sagaId}}: a saga's state and outcome (404 when unknown or expired);</li>
 *   <li>{@code POST /actuator/netx} with {@code {"deadLetterId": "..."}}: relays a dead letter to the group that
 *       failed it;</li>
 *   <li>{@code DELETE /actuator/netx?deadLetterId=...}: deletes a dead letter for good.</li>
 * </ul>
 * Access is read-only by default: relaying and deleting need
 * {@code management.endpoint.netx.access=unrestricted}, and, like every endpoint, exposure and Spring
 * Security decide who reaches it. Every operation blocks for at most {@link #TIMEOUT}.
 */
@Endpoint(id = "netx", defaultAccess = Access.READ_ONLY)
public class NetxEndpoint {

    /** Dead letters listed when no limit is given. */
    public static final int DEFAULT_LIMIT = 100;
    /** The longest an operation waits for Redis. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Netx netx;

    /** The endpoint of the given node. */
    public NetxEndpoint(Netx netx) {
        this.netx = netx;
    }

    /**
     * The node's status, its group's orchestrator versions (declared here or with sagas running) and
     * up to {@code limit} (default {@value #DEFAULT_LIMIT}) dead letters, oldest first.
     */
    @ReadOperation
    public NodeDescriptor node(@Nullable Integer limit) {
        NetxStatus status = netx.status();
        List<DeadLetter> deadLetters = status.running()
                ? await(netx.deadLetters().list(limit == null ? DEFAULT_LIMIT : Math.max(1, limit))) : List.of();
        List<OrchestratorVersion> orchestrators = status.running() ? await(netx.orchestratorVersions()) : List.of();
        return new NodeDescriptor(netx.options().group(), netx.options().namespace(), netx.options().nodeName(),
                status, orchestrators, deadLetters);
    }

    /** A saga's state, or {@code null} (404) when no such saga exists or it expired. */
    @ReadOperation
    public @Nullable SagaDescriptor saga(@Selector String sagaId) {
        try {
            SagaOutcome outcome = await(netx.sagaManager().outcome(sagaId));
            return new SagaDescriptor(outcome.sagaId(), outcome.state(), outcome.isFinished(), outcome.cause(),
                    outcome.failure() == null ? null : String.valueOf(outcome.failure()));
        } catch (SagaNotFoundException e) {
            return null;
        }
    }

    /** Sends a dead letter back to the group that failed it. */
    @WriteOperation
    public DeadLetterAction relay(String deadLetterId) {
        return new DeadLetterAction(deadLetterId, "relay", await(netx.deadLetters().relay(deadLetterId)));
    }

    /** Deletes a dead letter for good. */
    @DeleteOperation
    public DeadLetterAction delete(String deadLetterId) {
        return new DeadLetterAction(deadLetterId, "delete", await(netx.deadLetters().delete(deadLetterId)));
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Redis did not answer within " + TIMEOUT, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The node and its dead letters.
     *
     * @param group       the node's service group
     * @param namespace   the namespace it works in
     * @param node        its node name
     * @param status        its status
     * @param orchestrators the group's orchestrator versions: declared by this node, or with sagas still
     *                      running (an old version can be dropped once its count is 0)
     * @param deadLetters   dead letters of the namespace, oldest first
     */
    public record NodeDescriptor(String group, String namespace, String node, NetxStatus status,
            List<OrchestratorVersion> orchestrators, List<DeadLetter> deadLetters) {
    }

    /**
     * A saga as Redis holds it.
     *
     * @param sagaId   the saga
     * @param state    where it stands
     * @param finished whether it committed or rolled back
     * @param cause    why it was rolled back, if it was
     * @param failure  the exception that rolled it back, if a listener threw one
     */
    public record SagaDescriptor(String sagaId, SagaState state, boolean finished, @Nullable String cause,
            @Nullable String failure) {
    }

    /**
     * What an action on a dead letter did.
     *
     * @param deadLetterId the dead letter
     * @param action       {@code relay} or {@code delete}
     * @param found        whether the dead letter existed (and so was acted on)
     */
    public record DeadLetterAction(String deadLetterId, String action, boolean found) {
    }
}
