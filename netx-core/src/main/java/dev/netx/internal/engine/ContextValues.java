package dev.netx.internal.engine;

import dev.netx.SagaContext;
import dev.netx.TypeRef;
import dev.netx.spi.SagaCodec;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A saga context over a map of encoded values, itself encoded as one payload. */
final class ContextValues implements SagaContext {

    private static final Type MAP = new TypeRef<Map<String, String>>() {
    }.type();

    private final SagaCodec codec;
    private final String sagaId;
    private final String idempotencyKey;
    /** The encoded form of a context without values. */
    private static final String EMPTY = "{}";

    private final Map<String, String> values;
    private final Throwable failure;

    private ContextValues(SagaCodec codec, String sagaId, String idempotencyKey, Map<String, String> values,
            Throwable failure) {
        this.codec = codec;
        this.sagaId = sagaId;
        this.idempotencyKey = idempotencyKey;
        this.values = values;
        this.failure = failure;
    }

    /** The same values (shared: steps run one after the other) under the idempotency key of another step. */
    ContextValues forKey(String key) {
        return new ContextValues(codec, sagaId, key, values, failure);
    }

    /** A context read from its encoded form. */
    static ContextValues decode(SagaCodec codec, String sagaId, String idempotencyKey, String encoded) {
        return decode(codec, sagaId, idempotencyKey, encoded, null);
    }

    /** A compensation's context read from its encoded form, with the failure that started the rollback. */
    static ContextValues decode(SagaCodec codec, String sagaId, String idempotencyKey, String encoded,
            Throwable failure) {
        Map<String, String> values = encoded == null || encoded.isEmpty() || EMPTY.equals(encoded) ? Map.of()
                : codec.decode(encoded, MAP);
        return new ContextValues(codec, sagaId, idempotencyKey, new LinkedHashMap<>(values), failure);
    }

    /** The encoded form of initial values given by a caller. */
    static String encodeInitial(SagaCodec codec, Map<String, Object> initial) {
        Map<String, String> values = new LinkedHashMap<>();
        initial.forEach((key, value) -> values.put(key, codec.encode(value)));
        return values.isEmpty() ? EMPTY : codec.encode(values);
    }

    /** The encoded form; most sagas carry no values, which costs no encoding. */
    String encode() {
        return values.isEmpty() ? EMPTY : codec.encode(values);
    }

    /** A copy of the values as they are now, for when a step that changes them fails. */
    ContextValues copy() {
        return new ContextValues(codec, sagaId, idempotencyKey, new LinkedHashMap<>(values), failure);
    }

    @Override
    public String sagaId() {
        return sagaId;
    }

    @Override
    public String idempotencyKey() {
        return idempotencyKey;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public <T> Optional<T> get(String key, Class<T> type) {
        String value = values.get(key);
        return value == null ? Optional.empty() : Optional.ofNullable(codec.decode(value, type));
    }

    @Override
    public <T> Optional<T> get(String key, TypeRef<T> type) {
        String value = values.get(key);
        return value == null ? Optional.empty() : Optional.ofNullable(codec.decode(value, type.type()));
    }

    @Override
    public void put(String key, Object value) {
        if (value == null) {
            values.remove(key);
        } else {
            values.put(key, codec.encode(value));
        }
    }
}
