package dev.netx;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A message that could not be handled and was set aside, with why.
 *
 * @param id          the dead letter's id, {@code shard/entryId}; pass it to {@link DeadLetters#relay(String)}
 * @param sagaId      the saga it belongs to; empty when the message was too broken to name one
 * @param group       the service group that failed to handle it
 * @param reason      why it was dead-lettered
 * @param deliveries  how many times it was delivered before
 * @param deadAt      when it was dead-lettered
 * @param fields      the original message fields, as they were on the stream
 */
public record DeadLetter(
        String id, String sagaId, String group, String reason, long deliveries, Instant deadAt,
        Map<String, String> fields) {

    /** Validates and copies. */
    public DeadLetter {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(deadAt, "deadAt");
        fields = Map.copyOf(fields);
    }
}
