package dev.netx.internal.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Short fingerprints of requests, to tell a retry with the same saga key from a different request. */
final class Fingerprints {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Fingerprints() {
    }

    /** The first 128 bits of the SHA-256 of the parts, in hex; {@code null} parts count as empty. */
    static String of(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            byte[] hash = digest.digest();
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * A request's payload as it is compared: JSON with its fields sorted and its null fields dropped,
     * so that a retry sent by a node whose request class has a new field (written as null) or writes
     * fields in another order is the same request; a payload that is not JSON as it is.
     */
    static String canonical(String payload) {
        if (payload == null || payload.isEmpty()) {
            return payload;
        }
        try {
            StringBuilder out = new StringBuilder(payload.length());
            write(JSON.readTree(payload), out);
            return out.toString();
        } catch (JacksonException e) {
            return payload;
        }
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(property -> {
                if (!property.getValue().isNull()) {
                    sorted.put(property.getKey(), property.getValue());
                }
            });
            out.append('{');
            sorted.forEach((name, value) -> {
                out.append(JSON.writeValueAsString(name)).append(':');
                write(value, out);
                out.append(',');
            });
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            node.values().forEach(value -> {
                write(value, out);
                out.append(',');
            });
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }
}
