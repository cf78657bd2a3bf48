package dev.netx;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What operators look at: any saga of the namespace with its timeline, the sagas still running,
 * the last ones that rolled back and the counts, as the nodes that keep history (see
 * {@link NetxOptions#history()}) write them. Every read is bounded: it never scans the keyspace.
 * Get it with {@link Netx#inspector()}.
 */
public interface SagaInspector {

    /** The saga with its timeline; empty when Redis has none of that id (never started, or expired). */
    CompletableFuture<Optional<SagaDetails>> saga(String sagaId);

    /**
     * Sagas not finished that started more than {@code olderThan} ago, oldest first, at most
     * {@code limit}; of one orchestrator only when {@code orchestrator} is not {@code null}.
     */
    CompletableFuture<List<SagaSummary>> running(Duration olderThan, String orchestrator, int limit);

    /** The last sagas that rolled back (at most 100 a shard are kept), newest first, at most {@code limit}. */
    CompletableFuture<List<SagaSummary>> rolledBack(int limit);

    /**
     * Every group of the namespace (each that has had a node with listeners, orchestrators or
     * participant handlers), sorted by name, with its live nodes and what waits for it by shard.
     */
    CompletableFuture<List<GroupOverview>> groups();

    /** How many sagas started, committed and rolled back, and how many run now, over every shard. */
    CompletableFuture<SagaCounts> counts();

    /**
     * What the namespace's nodes did over the last {@code window} (at most an hour), interval by
     * interval of ten seconds, oldest first, the one still running last: sagas started, committed and
     * rolled back, messages dead-lettered, and each group's messages handled and left for retry. Each
     * node adds its counts once a second, so the last second may be missing; a node killed loses its
     * last second's counts, and a node whose write Redis did not confirm (a timeout) loses that
     * second's, so that none is counted twice.
     */
    CompletableFuture<List<ActivityInterval>> activity(Duration window);
}
