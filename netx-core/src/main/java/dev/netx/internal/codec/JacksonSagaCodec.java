package dev.netx.internal.codec;

import dev.netx.SagaEncodingException;
import dev.netx.spi.SagaCodec;
import java.lang.reflect.Type;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Events as JSON, with a Jackson 3 mapper. */
public final class JacksonSagaCodec implements SagaCodec {

    private final JsonMapper mapper;

    /** A codec with the given mapper. */
    public JacksonSagaCodec(JsonMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public String encode(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new SagaEncodingException("cannot encode " + value.getClass().getName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T decode(String payload, Type type) {
        try {
            return mapper.readValue(payload, mapper.constructType(type));
        } catch (JacksonException e) {
            throw new SagaEncodingException("cannot decode payload as " + type.getTypeName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T decode(String payload, Class<T> type) {
        try {
            return mapper.readValue(payload, type);
        } catch (JacksonException e) {
            throw new SagaEncodingException("cannot decode payload as " + type.getName() + ": "
                    + e.getOriginalMessage(), e);
        }
    }
}
