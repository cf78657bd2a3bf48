package dev.netx.benchmarks;

import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests Lettuce clients send, by command type: each is one request and one reply on
 * the wire, so their number is the client's round trips (pipelining lets several share a packet,
 * never a reply). Commands run inside Lua scripts are not requests and are not seen here.
 * Thread-safe; add it to a client with {@code addListener} before the client connects.
 */
public final class RequestCounter implements CommandListener {

    private final Map<String, LongAdder> byType = new ConcurrentHashMap<>();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        String type = event.getCommand().getType().toString();
        LongAdder counter = byType.get(type);
        if (counter == null) {
            counter = byType.computeIfAbsent(type, t -> new LongAdder());
        }
        counter.increment();
    }

    /** Requests sent so far, by command type (upper case, e.g. {@code EVALSHA}). */
    public Map<String, Long> snapshot() {
        Map<String, Long> result = new TreeMap<>();
        byType.forEach((type, count) -> result.put(type, count.sum()));
        return result;
    }
}
