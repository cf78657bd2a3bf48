package dev.netx.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A message of an orchestrated saga, as stored in a group's inbox stream.
 *
 * @param kind         {@link #FORWARD} run a local step, {@link #BACKWARD} run a local compensation,
 *                     {@link #CALL} run a participant handler, {@link #REPLY} a participant's answer,
 *                     {@link #DEADLINE} the deadline passed while the call of this step got no answer
 *                     (written by the sweep script)
 * @param sagaId       the saga
 * @param orchestrator the orchestrator's name
 * @param step         the step's index
 * @param payload      the step's input (or, in a reply, its output); {@code null} for none
 * @param failure      in a reply, the exception envelope of a failed call; {@code null} otherwise
 * @param context      the saga context, encoded
 * @param handler      in a call, the participant handler; {@code null} otherwise
 * @param compensating in a call or reply, whether it undoes the step; in a deadline message, whether the
 *                     call may have run (a node took it and went silent), so it is compensated too
 * @param replyTo      in a call, the orchestrator's group; {@code null} otherwise
 * @param deadline     the saga's deadline in epoch milliseconds, 0 for none
 * @param group        the group that wrote it
 * @param node         the node that wrote it
 * @param attempt      which attempt of a remote step this call or reply is, from 1
 * @param headers      the trace context captured when the saga started, encoded; {@code null} for none (the
 *                     advance script copies it from the saga's state into every later message)
 * @param pin          the version and chain fingerprint of the orchestrator the saga started with
 *                     ({@code <version>:<fingerprint>}); {@code null} in a message written before sagas
 *                     were pinned, which version 1 runs
 */
record OrchestrationMessage(String kind, String sagaId, String orchestrator, int step, String payload, String failure,
        String context, String handler, boolean compensating, String replyTo, long deadline, String group,
        String node, int attempt, String headers, String pin) {

    /** The field of the pin. */
    static final String PIN = "ov";

    static final String KIND = "k";
    static final String FORWARD = "F";
    static final String BACKWARD = "B";
    static final String CALL = "Q";
    static final String REPLY = "Y";
    static final String DEADLINE = "D";

    OrchestrationMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sagaId, "sagaId");
        Objects.requireNonNull(orchestrator, "orchestrator");
        Objects.requireNonNull(context, "context");
    }

    /** A message without headers of its own: the advance script adds the saga's. */
    OrchestrationMessage(String kind, String sagaId, String orchestrator, int step, String payload, String failure,
            String context, String handler, boolean compensating, String replyTo, long deadline, String group,
            String node, int attempt, String pin) {
        this(kind, sagaId, orchestrator, step, payload, failure, context, handler, compensating, replyTo, deadline,
                group, node, attempt, null, pin);
    }

    /** The orchestrator version the saga started with. */
    int version() {
        if (pin == null) {
            return 1;
        }
        try {
            return Integer.parseInt(pin.substring(0, Math.max(0, pin.indexOf(':'))));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Reads a stream entry.
     *
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    static OrchestrationMessage parse(Map<String, String> fields) {
        String kind = required(fields, KIND);
        if (!List.of(FORWARD, BACKWARD, CALL, REPLY, DEADLINE).contains(kind)) {
            throw new IllegalArgumentException("unknown message kind '" + kind + "'");
        }
        String sagaId = required(fields, "s");
        SagaIds.shardOf(sagaId);
        int step;
        long deadline;
        int attempt;
        try {
            step = Integer.parseInt(required(fields, "i"));
            deadline = Long.parseLong(fields.getOrDefault("dl", "0"));
            attempt = Integer.parseInt(fields.getOrDefault("a", "1"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad step index or deadline: " + e.getMessage());
        }
        if (step < 0) {
            throw new IllegalArgumentException("negative step index " + step);
        }
        String handler = fields.get("h");
        if (CALL.equals(kind) && handler == null) {
            throw new IllegalArgumentException("a call without a handler (field 'h')");
        }
        return new OrchestrationMessage(kind, sagaId, required(fields, "o"), step, fields.get("e"), fields.get("x"),
                fields.getOrDefault("ctx", "{}"), handler, "1".equals(fields.get("b")), fields.get("rg"), deadline,
                fields.getOrDefault("g", ""), fields.getOrDefault("n", ""), attempt,
                fields.get(PropagatedHeaders.FIELD), fields.get(PIN));
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("no field '" + name + "'");
        }
        return value;
    }

    /** The entry's fields as name, value pairs; the payload last, so a script may supply it instead. */
    List<String> toFields() {
        List<String> fields = new ArrayList<>(24);
        add(fields, KIND, kind);
        add(fields, "s", sagaId);
        add(fields, "o", orchestrator);
        add(fields, "i", Integer.toString(step));
        add(fields, "ctx", context);
        if (handler != null) {
            add(fields, "h", handler);
        }
        if (compensating) {
            add(fields, "b", "1");
        }
        if (replyTo != null) {
            add(fields, "rg", replyTo);
        }
        if (deadline > 0) {
            add(fields, "dl", Long.toString(deadline));
        }
        if (failure != null) {
            add(fields, "x", failure);
        }
        if (attempt > 1) {
            add(fields, "a", Integer.toString(attempt));
        }
        add(fields, "g", group);
        add(fields, "n", node);
        if (pin != null) {
            add(fields, PIN, pin);
        }
        if (headers != null) {
            add(fields, PropagatedHeaders.FIELD, headers);
        }
        if (payload != null) {
            add(fields, "e", payload);
        }
        return fields;
    }

    private static void add(List<String> fields, String name, String value) {
        fields.add(name);
        fields.add(value);
    }
}
