package dev.netx.faults;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Watches a flood, each on a thread of its own: Redis's memory (every {@link #MEMORY_EVERY}), and
 * when each order a caller had accepted ended, CONFIRMED or CANCELLED in the order database (every
 * {@link #ENDS_EVERY}), on the scenario's timeline. Thread-safe.
 */
final class FloodWatch implements AutoCloseable {

    static final Duration MEMORY_EVERY = Duration.ofMillis(250);
    /** How often it looks at the orders, so also how late it may see one end. */
    static final Duration ENDS_EVERY = Duration.ofMillis(500);
    private static final int IDS_PER_QUERY = 500;
    /** The shop draws order ids as UUIDs; nothing else goes into the watch's SQL. */
    private static final Pattern ORDER_ID = Pattern.compile("[0-9a-f-]{36}");

    private final FaultContext context;
    private final List<Sample> memory = new CopyOnWriteArrayList<>();
    private final Map<String, Long> endedAt = new ConcurrentHashMap<>();
    /** Accepted orders seen PENDING: one that is not any more has ended. Only the ends thread touches it. */
    private final Set<String> seenPending = new HashSet<>();
    private final List<Thread> threads;
    private volatile boolean watching = true;

    private FloodWatch(FaultContext context) {
        this.context = context;
        this.threads = List.of(every(MEMORY_EVERY, "flood-memory", this::sampleMemory),
                every(ENDS_EVERY, "flood-ends", this::lookUpEnds));
    }

    /** Starts watching. */
    static FloodWatch start(FaultContext context) {
        FloodWatch watch = new FloodWatch(context);
        watch.threads.forEach(Thread::start);
        return watch;
    }

    /** Redis's used memory at each sample, in order. */
    List<Sample> memory() {
        return List.copyOf(memory);
    }

    /** The most memory Redis used at a sample, in bytes. */
    long peakBytes() {
        return memory.stream().mapToLong(Sample::usedBytes).max().orElse(0);
    }

    /** When the order was first seen ended, in ms on the scenario's timeline; -1 if not (yet). */
    long endedAt(String orderId) {
        return endedAt.getOrDefault(orderId, -1L);
    }

    /** Whether every one of the orders was seen ended. */
    boolean ended(List<String> orderIds) {
        return orderIds.stream().allMatch(endedAt::containsKey);
    }

    /** Stops watching. Blocks until its threads are done (at most a poll and its queries). */
    @Override
    public void close() {
        watching = false;
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Thread every(Duration interval, String name, Runnable poll) {
        Thread thread = new Thread(() -> {
            while (watching) {
                try {
                    poll.run();
                } catch (RuntimeException e) {
                    // Redis or the database busy: the next poll sees the same, a moment later
                }
                Waits.pause(interval);
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    private void sampleMemory() {
        memory.add(new Sample(context.now(), context.redis().usedMemory()));
    }

    /**
     * One scan of the PENDING orders tells which of the orders seen pending before have ended; the
     * accepted orders not seen yet are looked up by id (their row may not be written yet).
     */
    private void lookUpEnds() {
        Set<String> pending = new HashSet<>(context.fleet().database("order").query(
                "SELECT order_id FROM orders WHERE status = 'PENDING'", row -> row.getString(1)));
        long now = context.now();
        List<String> unseen = context.load().calls().stream().filter(Call::accepted).map(Call::orderId)
                .filter(id -> !endedAt.containsKey(id)).distinct().filter(id -> {
                    if (pending.contains(id)) {
                        seenPending.add(id);
                        return false;
                    }
                    if (seenPending.remove(id)) {
                        endedAt.put(id, now);
                        return false;
                    }
                    return ORDER_ID.matcher(id).matches();
                }).toList();
        for (int from = 0; from < unseen.size(); from += IDS_PER_QUERY) {
            List<String> batch = unseen.subList(from, Math.min(unseen.size(), from + IDS_PER_QUERY));
            context.fleet().database("order").query("SELECT order_id FROM orders WHERE status IN ('CONFIRMED',"
                    + " 'CANCELLED') AND order_id IN ('" + String.join("', '", batch) + "')", row -> row.getString(1))
                    .forEach(id -> endedAt.putIfAbsent(id, now));
        }
    }

    /**
     * Redis's memory at one moment.
     *
     * @param atMs      when, on the scenario's timeline
     * @param usedBytes its {@code used_memory}
     */
    record Sample(long atMs, long usedBytes) {
    }
}
