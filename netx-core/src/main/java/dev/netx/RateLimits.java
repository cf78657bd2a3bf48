package dev.netx;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The rate limits of a group (see {@link RateLimit}: an average, in bursts of at most {@code burst}),
 * for a downstream that can only take so much (a payment provider's
 * quota), each shared by all nodes of the group through Redis.
 * <ul>
 *   <li>An orchestrator's limit bounds the sagas it starts: a start past it is refused with
 *       {@link SagaRejectedException} (limit {@code netx.rate-limits.orchestrators.<name>}) before
 *       anything is written, with the time until a start is free as its retry delay.</li>
 *   <li>A participant handler's limit bounds its calls, steps and compensations alike: a call past it
 *       waits, still pending with its node and holding one of its backpressure permits, until its
 *       turn comes; nothing is refused or retried, and the backlog shows in the group's lag and
 *       pending. While Redis cannot be asked, calls go on unlimited.</li>
 * </ul>
 *
 * @param orchestrators limits by orchestrator name (every version of it together)
 * @param handlers      limits by participant handler name
 */
public record RateLimits(Map<String, RateLimit> orchestrators, Map<String, RateLimit> handlers) {

    private static final RateLimits NONE = new RateLimits(Map.of(), Map.of());

    /** Validates; the maps are copied. */
    public RateLimits {
        orchestrators = Map.copyOf(orchestrators);
        handlers = Map.copyOf(handlers);
        orchestrators.keySet().forEach(name -> requireName(name, "orchestrators"));
        handlers.keySet().forEach(name -> requireName(name, "handlers"));
    }

    /** No limits: the default. */
    public static RateLimits none() {
        return NONE;
    }

    /** These limits, and this one of an orchestrator's starts. */
    public RateLimits withOrchestrator(String orchestrator, RateLimit limit) {
        Map<String, RateLimit> more = new HashMap<>(orchestrators);
        more.put(orchestrator, Objects.requireNonNull(limit, "limit"));
        return new RateLimits(more, handlers);
    }

    /** These limits, and this one of a participant handler's calls. */
    public RateLimits withHandler(String handler, RateLimit limit) {
        Map<String, RateLimit> more = new HashMap<>(handlers);
        more.put(handler, Objects.requireNonNull(limit, "limit"));
        return new RateLimits(orchestrators, more);
    }

    private static void requireName(String name, String kind) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("netx.rate-limits." + kind + " has a blank name");
        }
    }
}
