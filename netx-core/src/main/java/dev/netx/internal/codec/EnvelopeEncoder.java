package dev.netx.internal.codec;

import dev.netx.RemoteSagaException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Captures a failure's cause chain as an envelope and writes it as JSON within a size limit. */
final class EnvelopeEncoder {

    private static final String ELLIPSIS = "…";

    private final JsonMapper mapper;
    private final int maxBytes;

    EnvelopeEncoder(JsonMapper mapper, int maxBytes) {
        this.mapper = mapper;
        this.maxBytes = maxBytes;
    }

    /**
     * The cause chain of a non-null failure, at most {@link ExceptionEnvelope#MAX_DEPTH} deep, ending
     * before the first exception seen twice. Fields that do not encode are left out.
     */
    ExceptionEnvelope capture(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && chain.size() < ExceptionEnvelope.MAX_DEPTH && seen.add(t);
                t = causeOf(t)) {
            chain.add(t);
        }
        ExceptionEnvelope envelope = null;
        for (int i = chain.size() - 1; i >= 0; i--) {
            envelope = captureOne(chain.get(i), envelope);
        }
        return envelope;
    }

    /** Only the failure's type and message, for when its full capture fails. */
    ExceptionEnvelope captureTypeAndMessage(Throwable failure) {
        return failure instanceof RemoteSagaException remote
                ? ExceptionEnvelope.of(remote.remoteType(), capped(remote.remoteMessage()))
                : ExceptionEnvelope.of(failure.getClass().getName(), capped(messageOf(failure)));
    }

    /**
     * The envelope as JSON of at most {@code maxBytes} UTF-8 bytes: frames go first, then fields, then
     * the deepest causes, and last the message is shortened.
     *
     * @throws IllegalStateException if even the type alone does not fit
     */
    String write(ExceptionEnvelope envelope) {
        byte[] json = bytes(envelope);
        if (json.length <= maxBytes) {
            return utf8(json);
        }
        List<UnaryOperator<ExceptionEnvelope>> reductions = List.of(ExceptionEnvelope::withoutDeepestFrames,
                ExceptionEnvelope::withoutDeepestFields, ExceptionEnvelope::withoutDeepestCause);
        for (UnaryOperator<ExceptionEnvelope> reduction : reductions) {
            for (ExceptionEnvelope next = reduction.apply(envelope); next != envelope;
                    next = reduction.apply(envelope)) {
                envelope = next;
                json = bytes(envelope);
                if (json.length <= maxBytes) {
                    return utf8(json);
                }
            }
        }
        return writeShortened(envelope);
    }

    /** Binary search for the longest message prefix that fits: one write per halving. */
    private String writeShortened(ExceptionEnvelope envelope) {
        String message = envelope.message() == null ? "" : envelope.message();
        byte[] best = bytes(envelope.withMessage(null));
        if (best.length > maxBytes) {
            throw new IllegalStateException("exception type name alone exceeds " + maxBytes + " bytes");
        }
        int low = 0;
        int high = message.length();
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            byte[] json = bytes(envelope.withMessage(prefix(message, mid) + ELLIPSIS));
            if (json.length <= maxBytes) {
                best = json;
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return utf8(best);
    }

    private ExceptionEnvelope captureOne(Throwable t, ExceptionEnvelope cause) {
        List<String> frames = StackFrames.format(stackTraceOf(t));
        if (t instanceof RemoteSagaException remote) {
            // Relayed as the original remote failure, so that the next service sees the real type.
            return new ExceptionEnvelope(remote.remoteType(), capped(remote.remoteMessage()), Map.of(), frames,
                    cause);
        }
        return new ExceptionEnvelope(t.getClass().getName(), capped(messageOf(t)), fieldsOf(t), frames, cause);
    }

    private Map<String, JsonNode> fieldsOf(Throwable t) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Field field : ThrowableFields.of(t.getClass()).values()) {
            try {
                if (ThrowableFields.accessible(field)) {
                    JsonNode tree = mapper.valueToTree(field.get(t));
                    JsonNode value = tree == null ? mapper.getNodeFactory().nullNode() : tree;
                    // A field larger than the whole envelope may be would only be dropped later.
                    if (mapper.writeValueAsBytes(value).length <= maxBytes) {
                        fields.put(field.getName(), value);
                    }
                }
            } catch (Throwable unencodable) {
                // A field is optional: whatever its encoding throws, even an Error from a getter or from
                // a cyclic object graph, the field is left out and the failure still travels.
            }
        }
        return fields;
    }

    /** A message no longer than could ever fit, so that a huge one is not written just to be cut. */
    private String capped(String message) {
        return message == null || message.length() <= maxBytes ? message : prefix(message, maxBytes);
    }

    private static String messageOf(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException | LinkageError | StackOverflowError broken) {
            return null;
        }
    }

    private static Throwable causeOf(Throwable t) {
        try {
            return t.getCause();
        } catch (RuntimeException | LinkageError | StackOverflowError broken) {
            return null;
        }
    }

    private static StackTraceElement[] stackTraceOf(Throwable t) {
        try {
            return t.getStackTrace();
        } catch (RuntimeException | LinkageError | StackOverflowError broken) {
            return new StackTraceElement[0];
        }
    }

    /** The first {@code length} chars, one fewer if that would split a surrogate pair. */
    private static String prefix(String text, int length) {
        int end = length > 0 && Character.isHighSurrogate(text.charAt(length - 1)) ? length - 1 : length;
        return text.substring(0, end);
    }

    private byte[] bytes(ExceptionEnvelope envelope) {
        return mapper.writeValueAsBytes(envelope.toTree(mapper));
    }

    private static String utf8(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }
}
