package dev.netx.internal.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One exception of a failure's cause chain as it travels between services.
 *
 * @param type the exception's class name
 * @param message its message; may be null
 * @param fields its own instance fields, each as a JSON tree, in declaration order
 * @param frames its top stack frames as {@link StackFrames} text
 * @param cause the envelope of its cause; may be null
 */
record ExceptionEnvelope(String type, String message, Map<String, JsonNode> fields, List<String> frames,
        ExceptionEnvelope cause) {

    /** The longest chain kept, counting this envelope: deeper causes are dropped. */
    static final int MAX_DEPTH = 8;

    ExceptionEnvelope {
        Objects.requireNonNull(type, "type");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        frames = List.copyOf(frames);
    }

    /** An envelope with only a type and a message. */
    static ExceptionEnvelope of(String type, String message) {
        return new ExceptionEnvelope(type, message, Map.of(), List.of(), null);
    }

    /** The number of envelopes in this chain, counting this one. */
    int depth() {
        return cause == null ? 1 : 1 + cause.depth();
    }

    /** This envelope as JSON. */
    ObjectNode toTree(JsonMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", type);
        node.put("message", message);
        if (!fields.isEmpty()) {
            ObjectNode fieldsNode = node.putObject("fields");
            fields.forEach(fieldsNode::set);
        }
        if (!frames.isEmpty()) {
            ArrayNode framesNode = node.putArray("frames");
            frames.forEach(framesNode::add);
        }
        if (cause != null) {
            node.set("cause", cause.toTree(mapper));
        }
        return node;
    }

    /**
     * Reads an envelope leniently: malformed parts are left out, causes past {@link #MAX_DEPTH} dropped.
     *
     * @throws IllegalArgumentException if the node is not an object with a textual {@code type}
     */
    static ExceptionEnvelope fromTree(JsonNode node) {
        return fromTree(node, 1);
    }

    private static ExceptionEnvelope fromTree(JsonNode node, int depth) {
        if (node == null || !node.isObject() || !node.path("type").isString()) {
            throw new IllegalArgumentException("not an exception envelope");
        }
        JsonNode messageNode = node.path("message");
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        node.path("fields").properties().forEach(field -> fields.put(field.getKey(), field.getValue()));
        List<String> frames = new ArrayList<>();
        for (JsonNode frame : node.path("frames").values()) {
            if (frame.isString()) {
                frames.add(frame.stringValue());
            }
        }
        JsonNode causeNode = node.path("cause");
        ExceptionEnvelope cause = depth < MAX_DEPTH && causeNode.isObject() && causeNode.path("type").isString()
                ? fromTree(causeNode, depth + 1)
                : null;
        return new ExceptionEnvelope(node.path("type").stringValue(),
                messageNode.isString() ? messageNode.stringValue() : null, fields, frames, cause);
    }

    /** This chain without the stack frames of its deepest envelope that still has some, or itself. */
    ExceptionEnvelope withoutDeepestFrames() {
        ExceptionEnvelope trimmedCause = cause == null ? null : cause.withoutDeepestFrames();
        if (trimmedCause != cause) {
            return new ExceptionEnvelope(type, message, fields, frames, trimmedCause);
        }
        return frames.isEmpty() ? this : new ExceptionEnvelope(type, message, fields, List.of(), cause);
    }

    /** This chain without the fields of its deepest envelope that still has some, or itself. */
    ExceptionEnvelope withoutDeepestFields() {
        ExceptionEnvelope trimmedCause = cause == null ? null : cause.withoutDeepestFields();
        if (trimmedCause != cause) {
            return new ExceptionEnvelope(type, message, fields, frames, trimmedCause);
        }
        return fields.isEmpty() ? this : new ExceptionEnvelope(type, message, Map.of(), frames, cause);
    }

    /** This chain without its deepest cause, or itself if it has none. */
    ExceptionEnvelope withoutDeepestCause() {
        if (cause == null) {
            return this;
        }
        return new ExceptionEnvelope(type, message, fields, frames,
                cause.cause == null ? null : cause.withoutDeepestCause());
    }

    /** This envelope with another message. */
    ExceptionEnvelope withMessage(String newMessage) {
        return new ExceptionEnvelope(type, newMessage, fields, frames, cause);
    }
}
