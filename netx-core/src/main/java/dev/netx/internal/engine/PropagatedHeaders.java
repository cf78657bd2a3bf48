package dev.netx.internal.engine;

import dev.netx.spi.TracePropagation;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one stream entry field that carries a {@link TracePropagation}'s headers: {@code name=value}
 * pairs, URL-encoded and joined by {@code &} (a {@code traceparent} stays as it is), at most
 * {@link TracePropagation#MAX_ENCODED_CHARS} characters. The field is absent when there are no headers.
 */
final class PropagatedHeaders {

    /** The field's name, in choreography and orchestration entries alike. */
    static final String FIELD = "hd";

    private static final Logger log = LoggerFactory.getLogger(PropagatedHeaders.class);

    private PropagatedHeaders() {
    }

    /**
     * The encoded headers, {@code null} when there are none; pairs that would make it longer than
     * the bound are dropped, with a warning naming them.
     */
    static String encode(Map<String, String> headers, String sagaId) {
        if (headers == null || headers.isEmpty()) {
            return null;
        }
        StringBuilder encoded = new StringBuilder();
        List<String> dropped = new ArrayList<>();
        headers.forEach((name, value) -> {
            if (name == null || name.isEmpty() || value == null) {
                return;
            }
            String pair = URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8);
            int separator = encoded.isEmpty() ? 0 : 1;
            if (encoded.length() + separator + pair.length() > TracePropagation.MAX_ENCODED_CHARS) {
                dropped.add(name);
                return;
            }
            if (separator == 1) {
                encoded.append('&');
            }
            encoded.append(pair);
        });
        if (!dropped.isEmpty()) {
            log.warn("saga {}: trace headers {} dropped, they do not fit in {} characters", sagaId, dropped,
                    TracePropagation.MAX_ENCODED_CHARS);
        }
        return encoded.isEmpty() ? null : encoded.toString();
    }

    /**
     * The headers of an encoded field; empty for {@code null}.
     *
     * @throws IllegalArgumentException if the field is not what {@link #encode} writes
     */
    static Map<String, String> decode(String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return Map.of();
        }
        if (encoded.length() > TracePropagation.MAX_ENCODED_CHARS) {
            throw new IllegalArgumentException("longer than " + TracePropagation.MAX_ENCODED_CHARS + " characters");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String pair : encoded.split("&", -1)) {
            int equals = pair.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException("not a name=value pair");
            }
            headers.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return Collections.unmodifiableMap(headers);
    }
}
