package dev.netx.internal.engine;

import dev.netx.SagaPhase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A saga message as stored in a stream entry.
 *
 * @param sagaId    the saga
 * @param phase     its phase
 * @param eventType the event type name, empty for no event
 * @param payload   the encoded event, {@code null} for none
 * @param group     the publishing group
 * @param node      the publishing node
 * @param cause     why, for a rollback; {@code null} otherwise
 * @param failure   the exception envelope of a rollback caused by a listener; {@code null} otherwise
 * @param headers   the publisher's trace context, encoded; {@code null} for none
 */
public record SagaMessage(String sagaId, SagaPhase phase, String eventType, String payload, String group, String node,
        String cause, String failure, String headers) {

    static final String SAGA = "s";
    static final String PHASE = "p";
    static final String TYPE = "t";
    static final String EVENT = "e";
    static final String GROUP = "g";
    static final String NODE = "n";
    static final String CAUSE = "c";
    static final String FAILURE = "x";
    static final String HEADERS = PropagatedHeaders.FIELD;

    /** Validates the required parts. */
    public SagaMessage {
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(node, "node");
    }

    /**
     * Reads a stream entry.
     *
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    public static SagaMessage parse(Map<String, String> fields) {
        String sagaId = required(fields, SAGA, "saga id");
        SagaIds.shardOf(sagaId);
        SagaPhase phase = SagaPhase.ofCode(required(fields, PHASE, "phase"));
        return new SagaMessage(sagaId, phase, fields.getOrDefault(TYPE, ""), fields.get(EVENT),
                required(fields, GROUP, "group"), required(fields, NODE, "node"), fields.get(CAUSE),
                fields.get(FAILURE), fields.get(HEADERS));
    }

    private static String required(Map<String, String> fields, String name, String what) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("no " + what + " (field '" + name + "')");
        }
        return value;
    }

    /** The entry's fields as name, value pairs. */
    public List<String> toFields() {
        List<String> fields = new ArrayList<>(18);
        add(fields, SAGA, sagaId);
        add(fields, PHASE, phase.code());
        add(fields, TYPE, eventType);
        if (payload != null) {
            add(fields, EVENT, payload);
        }
        add(fields, GROUP, group);
        add(fields, NODE, node);
        if (cause != null) {
            add(fields, CAUSE, cause);
        }
        if (failure != null) {
            add(fields, FAILURE, failure);
        }
        if (headers != null) {
            add(fields, HEADERS, headers);
        }
        return fields;
    }

    private static void add(List<String> fields, String name, String value) {
        fields.add(name);
        fields.add(value);
    }
}
