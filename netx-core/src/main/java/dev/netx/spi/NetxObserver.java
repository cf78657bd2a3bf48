package dev.netx.spi;

import dev.netx.GroupBacklog;
import dev.netx.SagaPhase;
import dev.netx.ShardBacklog;
import java.time.Duration;
import java.util.List;

/**
 * Told what a node does, for metrics. Called on Netx threads: implementations must be thread-safe,
 * fast and must not throw (what they throw is logged and ignored). Every method does nothing by default.
 */
public interface NetxObserver {

    /** The observer that observes nothing. */
    NetxObserver NONE = new NetxObserver() {
    };

    /**
     * A saga event was written to Redis by this node: {@link SagaPhase#START} counts started sagas,
     * {@link SagaPhase#COMMIT} committed ones, {@link SagaPhase#ROLLBACK} rolled-back ones.
     *
     * @param eventType the event type name, empty for none
     */
    default void published(SagaPhase phase, String eventType) {
    }

    /**
     * A listener of this node's group finished.
     *
     * @param failure what it threw, {@code null} if it succeeded
     */
    default void handled(SagaPhase phase, String eventType, Duration duration, Throwable failure) {
    }

    /** This node took over {@code count} messages that a silent node had left pending. */
    default void claimed(int count) {
    }

    /** This node moved a message to the dead-letter stream. */
    default void deadLettered() {
    }

    /**
     * This node sampled what waits for its group on each stream of each shard (every trim interval),
     * the same list {@link dev.netx.NetxStatus#backlog()} then returns.
     */
    default void backlogSampled(List<ShardBacklog> backlog) {
    }

    /**
     * This node sampled what waits for the groups its orchestrators call (every trim interval), the
     * same list {@link dev.netx.NetxStatus#calledGroups()} then returns.
     */
    default void calledGroupsSampled(List<GroupBacklog> calledGroups) {
    }
}
