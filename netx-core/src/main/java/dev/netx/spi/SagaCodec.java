package dev.netx.spi;

import dev.netx.SagaEncodingException;
import dev.netx.internal.codec.JacksonSagaCodec;
import java.lang.reflect.Type;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns events into the text stored on Redis Streams and back. Implementations are thread-safe.
 */
public interface SagaCodec {

    /**
     * Encodes a non-null value.
     *
     * @throws SagaEncodingException if it cannot be encoded
     */
    String encode(Object value);

    /**
     * Decodes a payload as the given type.
     *
     * @throws SagaEncodingException if it does not decode as that type
     */
    <T> T decode(String payload, Class<T> type);

    /**
     * Decodes a payload as a generic type (from a {@link dev.netx.TypeRef}). The default handles plain
     * classes only.
     *
     * @throws SagaEncodingException if it does not decode as that type
     */
    @SuppressWarnings("unchecked")
    default <T> T decode(String payload, Type type) {
        if (type instanceof Class<?> plain) {
            return (T) decode(payload, plain);
        }
        throw new SagaEncodingException("this codec cannot decode the generic type " + type.getTypeName());
    }

    /**
     * The name recorded with an event of this class, matched against listeners' event types.
     * Default: the simple class name, so that services with their own copies of an event class agree.
     */
    default String typeName(Class<?> type) {
        return type.getSimpleName();
    }

    /** The default codec: JSON with a Jackson {@link JsonMapper} of default settings. */
    static SagaCodec jackson() {
        return new JacksonSagaCodec(JsonMapper.builder().build());
    }

    /** A JSON codec with the given mapper. */
    static SagaCodec jackson(JsonMapper mapper) {
        return new JacksonSagaCodec(mapper);
    }
}
