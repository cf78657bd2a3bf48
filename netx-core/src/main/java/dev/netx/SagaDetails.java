package dev.netx;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A saga as Redis holds it, for operators (see {@link SagaInspector#saga(String)}).
 *
 * @param summary       its id, state, orchestrator, start and origin
 * @param version       the orchestrator version it runs with; 0 for a choreographed saga
 * @param key           the caller's saga key it was started with, or {@code null}
 * @param cause         why it rolled back, or {@code null}
 * @param failure       the exception that rolled it back, decoded as a caller would get it, or {@code null}
 * @param payloads      what it stores, encoded as the codec wrote it: each step's input ({@code in:<step>}),
 *                      its result ({@code result}); names in step order
 * @param compensations the idempotency keys of the compensations that ran
 * @param groups        the groups that took part
 * @param timeline      what happened to it, oldest first
 */
public record SagaDetails(SagaSummary summary, int version, String key, String cause, Throwable failure,
        Map<String, String> payloads, List<String> compensations, List<String> groups, List<TimelineEntry> timeline) {

    /** Validates; the collections are copied. */
    public SagaDetails {
        Objects.requireNonNull(summary, "summary");
        payloads = Collections.unmodifiableMap(new LinkedHashMap<>(payloads));
        compensations = List.copyOf(compensations);
        groups = List.copyOf(groups);
        timeline = List.copyOf(timeline);
    }
}
