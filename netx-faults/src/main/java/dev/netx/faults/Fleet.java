package dev.netx.faults;

import dev.netx.test.RedisServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The shop under test: every role's processes (each in its own JVM), every role's database, and the
 * Redis they share (standalone, Sentinel or Cluster). Started once per suite run and topology, healed
 * between scenarios; or, for a scenario that deploys the shop itself, created with nothing started.
 */
final class Fleet implements AutoCloseable {

    /** The shop's roles, in the order the checker reads them. */
    static final List<String> ROLES = List.of("order", "payment", "inventory");

    private final ShopRedis redis;
    private final Map<String, RoleDatabase> databases;
    private final List<AppProcess> processes;

    private Fleet(ShopRedis redis, Map<String, RoleDatabase> databases, List<AppProcess> processes) {
        this.redis = redis;
        this.databases = databases;
        this.processes = processes;
    }

    /**
     * Starts the databases and {@code perRole} processes of each role against the Redis; the first
     * process of every role comes up (and seeds its database) before the others start. Blocks.
     */
    static Fleet start(ShopSettings settings, ShopRedis redis, int perRole) {
        Fleet fleet = deploy(settings, redis, perRole, RoleDatabase::start);
        try {
            for (int index = 1; index <= perRole; index++) {
                String suffix = "-" + index;
                CompletableFuture.allOf(fleet.processes.stream().filter(p -> p.slot().endsWith(suffix))
                        .map(p -> CompletableFuture.runAsync(p::start)).toArray(CompletableFuture[]::new)).join();
            }
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    /**
     * A shop not started yet: every role's empty database, from {@code databases} (by role), and
     * {@code perRole} process slots of each role, none of them started. Blocks.
     */
    static Fleet deploy(ShopSettings settings, ShopRedis redis, int perRole,
            Function<String, RoleDatabase> databases) {
        Fleet fleet = new Fleet(redis, new LinkedHashMap<>(), new ArrayList<>());
        try {
            for (String role : ROLES) {
                RoleDatabase database = databases.apply(role);
                fleet.databases.put(role, database);
                for (int index = 1; index <= perRole; index++) {
                    int port = freePort();
                    fleet.processes.add(new AppProcess(role, index, port,
                            name -> settings.command(role, port, name, redis.shopArguments(), database.url()),
                            settings.logDir()));
                }
            }
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    /** The redis-server the shop writes to now: the standalone one, or the master the Sentinels name. */
    RedisServer redis() {
        return redis.master();
    }

    /** The shop's Redis as a whole. */
    ShopRedis shopRedis() {
        return redis;
    }

    RoleDatabase database(String role) {
        return databases.get(role);
    }

    /** Every process slot, order first. */
    List<AppProcess> processes() {
        return processes;
    }

    /** The slots of one role. */
    List<AppProcess> of(String role) {
        return processes.stream().filter(p -> p.role().equals(role)).toList();
    }

    /** Continues whatever is frozen and starts whatever is dead (Redis first). Blocks. */
    void heal() {
        redis.heal();
        for (AppProcess process : processes) {
            if (process.isFrozen()) {
                process.thaw();
            }
            if (!process.isAlive()) {
                process.start();
            }
        }
    }

    /**
     * Stops the processes gracefully and starts them again under their names, all at once, with
     * these extra arguments from now on (none: the base command line). Blocks.
     */
    static void restart(List<AppProcess> processes, List<String> arguments) {
        inParallel(processes, process -> {
            process.stop();
            process.arguments(arguments);
            process.start();
        });
    }

    /** Does the action on every process at once, each on a thread of its own; returns when all are done. Blocks. */
    static void inParallel(List<AppProcess> processes, java.util.function.Consumer<AppProcess> action) {
        CompletableFuture.allOf(processes.stream().map(p -> CompletableFuture.runAsync(() -> action.accept(p)))
                .toArray(CompletableFuture[]::new)).join();
    }

    @Override
    public void close() {
        CompletableFuture.allOf(processes.stream().map(p -> CompletableFuture.runAsync(p::close))
                .toArray(CompletableFuture[]::new)).join();
        databases.values().forEach(RoleDatabase::close);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
