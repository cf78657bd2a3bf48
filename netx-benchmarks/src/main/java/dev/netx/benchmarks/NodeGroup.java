package dev.netx.benchmarks;

import dev.netx.Netx;
import dev.netx.NetxOptions;
import io.lettuce.core.AbstractRedisClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The Netx nodes of one run, each on its own Lettuce client (as separate services would be), all
 * in one namespace; closed together.
 */
public final class NodeGroup implements AutoCloseable {

    private final RedisTarget target;
    private final RequestCounter requests;
    private final String namespace;
    private final int shards;
    private final Consumer<NetxOptions.Builder> tuning;
    private final List<Netx> nodes = new ArrayList<>();
    private final List<AbstractRedisClient> clients = new ArrayList<>();

    /**
     * Nodes on the given Redis.
     *
     * @param requests counts the requests of every client made here
     * @param tuning   adjusts the options of every node (a probe's retention, say); defaults otherwise
     */
    public NodeGroup(RedisTarget target, RequestCounter requests, String namespace, int shards,
            Consumer<NetxOptions.Builder> tuning) {
        this.target = target;
        this.requests = requests;
        this.namespace = namespace;
        this.shards = shards;
        this.tuning = tuning;
    }

    /** Starts node number {@code index} of {@code group} on a new client. Blocks until it reads. */
    public synchronized Netx start(String group, int index, Consumer<Netx.Builder> customizer) {
        AbstractRedisClient client = target.newClient();
        client.addListener(requests);
        clients.add(client);
        NetxOptions.Builder options = NetxOptions.builder(group).namespace(namespace).shards(shards)
                .nodeName(group + "-" + index);
        tuning.accept(options);
        Netx.Builder builder = Netx.builder(client, options.build());
        customizer.accept(builder);
        Netx netx = builder.build();
        nodes.add(netx);
        netx.start();
        return netx;
    }

    /** Closes every node (in parallel: each waits up to a poll timeout for its readers), then the clients. */
    @Override
    public synchronized void close() {
        inParallel(nodes.stream().<Runnable>map(node -> node::close).toList());
        inParallel(clients.stream().<Runnable>map(client -> client::shutdown).toList());
        nodes.clear();
        clients.clear();
    }

    /** Runs the tasks on threads of their own (the common pool has one thread on two cores) and waits for all. */
    private static void inParallel(List<Runnable> tasks) {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, tasks.size()));
        try {
            CompletableFuture.allOf(tasks.stream().map(task -> CompletableFuture.runAsync(task, threads))
                    .toArray(CompletableFuture[]::new)).join();
        } finally {
            threads.shutdown();
        }
    }
}
