package dev.netx;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The dead-letter streams of this namespace, one per shard. A relayed message goes back to the
 * group that failed it, and only to that group. All methods are non-blocking.
 */
public interface DeadLetters {

    /** Up to {@code limit} dead letters, oldest first, across all shards. */
    CompletableFuture<List<DeadLetter>> list(int limit);

    /**
     * Up to {@code limit} dead letters of one group (those it failed), oldest first, across all shards:
     * what to relay once that group's outage is over, however many other groups' letters are older.
     */
    CompletableFuture<List<DeadLetter>> list(String group, int limit);

    /**
     * Sends a dead letter back to the group that failed it and removes it from the dead letters.
     *
     * @return whether it existed
     */
    CompletableFuture<Boolean> relay(String deadLetterId);

    /** Relays the oldest dead letter, if any; completes with the one relayed. */
    CompletableFuture<Optional<DeadLetter>> relayOldest();

    /**
     * Deletes a dead letter for good.
     *
     * @return whether it existed
     */
    CompletableFuture<Boolean> delete(String deadLetterId);
}
