package dev.netx.internal.codec;

import dev.netx.RemoteSagaException;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Recreates a failure from its envelope: as its own class when that class is in a trusted package,
 * on the classpath and a {@link Throwable}; otherwise as a {@link RemoteSagaException}. A class outside
 * the trusted packages is never loaded, and a class that is not a {@code Throwable} is never initialised
 * or instantiated.
 */
final class EnvelopeDecoder {

    private final JsonMapper mapper;
    private final TrustedPackages trusted;

    EnvelopeDecoder(JsonMapper mapper, TrustedPackages trusted) {
        this.mapper = mapper;
        this.trusted = trusted;
    }

    /** The failure with its cause chain, decoded bottom-up so that each constructor can take its cause. */
    Throwable decode(ExceptionEnvelope envelope) {
        Throwable cause = envelope.cause() == null ? null : decode(envelope.cause());
        StackTraceElement[] frames = StackFrames.parse(envelope.frames());
        Class<? extends Throwable> type = throwableClass(envelope.type());
        Throwable failure = null;
        if (type != null) {
            failure = new ThrowableConstructors(mapper, type).instantiate(envelope, cause)
                    .map(created -> completed(created, envelope, cause, frames))
                    .orElse(null);
        }
        return failure != null ? failure
                : new RemoteSagaException(envelope.type(), envelope.message(), frames, cause);
    }

    /** The trusted {@code Throwable} class of that name, loaded without static initialisation, or null. */
    private Class<? extends Throwable> throwableClass(String name) {
        if (!trusted.trusts(name)) {
            return null; // checked before loading: an untrusted name must never reach a class loader
        }
        try {
            Class<?> type = Class.forName(name, false, classLoader());
            return Throwable.class.isAssignableFrom(type) ? type.asSubclass(Throwable.class) : null;
        } catch (ClassNotFoundException | LinkageError notLoadable) {
            return null;
        }
    }

    /** The instance with the other fields, the remote frames and the cause set; null if that throws. */
    private Throwable completed(ThrowableConstructors.Created created, ExceptionEnvelope envelope,
            Throwable cause, StackTraceElement[] frames) {
        Throwable failure = created.instance();
        try {
            setFields(failure, envelope.fields(), created.consumedFields());
            failure.setStackTrace(frames);
            if (cause != null && failure.getCause() == null) {
                try {
                    failure.initCause(cause);
                } catch (IllegalStateException | IllegalArgumentException causeFixed) {
                    // The constructor already decided the cause, possibly null: keep its decision.
                }
            }
            return failure;
        } catch (RuntimeException | LinkageError | StackOverflowError broken) {
            return null; // a class whose overrides throw here is no better than an unknown one
        }
    }

    private void setFields(Throwable failure, Map<String, JsonNode> values, Set<String> consumed) {
        Map<String, Field> fields = ThrowableFields.of(failure.getClass());
        values.forEach((name, value) -> {
            Field field = fields.get(name);
            if (field == null || consumed.contains(name) || !ThrowableFields.accessible(field)) {
                return;
            }
            try {
                field.set(failure, mapper.treeToValue(value, mapper.constructType(field.getGenericType())));
            } catch (RuntimeException | IllegalAccessException | LinkageError unsettable) {
                // Fields are best effort: the type, message and cause already say what failed.
            }
        });
    }

    private static ClassLoader classLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ExceptionEnvelopes.class.getClassLoader();
    }
}
