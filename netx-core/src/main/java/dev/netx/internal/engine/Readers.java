package dev.netx.internal.engine;

import dev.netx.NetxOptions;
import dev.netx.internal.redis.RedisConnections;
import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shard readers of a node, each on its own thread and connection (one per shard on a Redis
 * Cluster, one for all shards on a single Redis); they start once, stop on request, and leave the
 * consumer groups when they have nothing pending.
 */
final class Readers {

    private static final Logger log = LoggerFactory.getLogger(Readers.class);

    private final NetxOptions options;
    private final RedisConnections connections;
    private final ConsumerGroups groups;
    private final Permits permits;
    private final Dispatcher dispatcher;
    private final List<ShardReader> readers = new ArrayList<>();
    private final List<RedisConnections.Dedicated> dedicated = new ArrayList<>();
    private int shards;

    Readers(NetxOptions options, RedisConnections connections, ConsumerGroups groups, Permits permits,
            Dispatcher dispatcher) {
        this.options = options;
        this.connections = connections;
        this.groups = groups;
        this.permits = permits;
        this.dispatcher = dispatcher;
    }

    /** Creates the consumer groups and starts one reader per shard; does nothing if started. */
    synchronized void start(int shards) {
        if (!readers.isEmpty()) {
            return;
        }
        this.shards = shards;
        Duration readTimeout = options.pollTimeout().plus(connections.commandTimeout());
        Consumer<String> consumer = Consumer.from(options.group(), options.nodeName());
        // On a Cluster each shard is its own slot and needs its own read; a single Redis serves them all at once.
        List<List<Integer>> assignments = new ArrayList<>();
        List<Integer> all = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            all.add(shard);
            assignments.add(List.of(shard));
        }
        if (!connections.isCluster()) {
            assignments = List.of(all);
        }
        // One share of the backpressure permits per reader and one for the claimer.
        int share = options.backpressure() / (assignments.size() + 1);
        for (List<Integer> assigned : assignments) {
            RedisConnections.Dedicated connection = connections.dedicated(readTimeout);
            dedicated.add(connection);
            assigned.forEach(shard -> groups.ensure(connection.commands(), shard, false));
            ShardReader reader = new ShardReader(assigned, connection, groups, consumer, permits, dispatcher,
                    options.pollTimeout(), share);
            readers.add(reader);
            Thread thread = new Thread(reader, "netx-reader-" + options.group() + "-" + assigned.get(0));
            thread.setDaemon(true);
            thread.start();
        }
    }

    synchronized boolean isStarted() {
        return !readers.isEmpty();
    }

    synchronized boolean allAlive() {
        return readers.stream().allMatch(ShardReader::isAlive);
    }

    synchronized boolean anyAlive() {
        return readers.stream().anyMatch(ShardReader::isAlive);
    }

    /** Asks every reader to stop after its current read. */
    synchronized void stop() {
        readers.forEach(ShardReader::stop);
    }

    /** Removes this node's consumer from every stream where it has nothing pending, and its heartbeats. */
    synchronized void leaveGroups() {
        if (dedicated.isEmpty()) {
            return;
        }
        RedisClusterCommands<String, String> redis = dedicated.get(0).commands();
        Consumer<String> consumer = Consumer.from(options.group(), options.nodeName());
        for (int shard = 0; shard < shards; shard++) {
            for (String stream : groups.streams(shard)) {
                try {
                    if (redis.xpending(stream, consumer, Range.create("-", "+"), Limit.from(1)).isEmpty()) {
                        redis.xgroupDelconsumer(stream, consumer);
                    }
                } catch (RuntimeException e) {
                    log.warn("could not leave group {} on {}: {}", options.group(), stream, e.toString());
                }
            }
            try {
                redis.zrem(groups.heartbeats(shard), options.nodeName());
            } catch (RuntimeException e) {
                log.warn("could not remove the heartbeat of {} on shard {}: {}", options.nodeName(), shard, e.toString());
            }
        }
    }

    synchronized void close() {
        dedicated.forEach(connection -> {
            try {
                connection.close();
            } catch (RuntimeException ignored) {
                // closing anyway
            }
        });
        dedicated.clear();
    }
}
