package dev.netx.internal.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Instantiates an exception class from an envelope, trying its constructors in this order: those whose
 * parameter names all name envelope fields (or are {@code message} and {@code cause}), the most
 * parameters first; {@code (String message, Throwable cause)}; {@code (String message)}; no arguments.
 * A constructor that is not accessible, whose arguments do not convert, or that throws is passed over.
 */
final class ThrowableConstructors {

    private static final String MESSAGE = "message";
    private static final String CAUSE = "cause";

    /** A new instance and the envelope fields its constructor already took. */
    record Created(Throwable instance, Set<String> consumedFields) {
    }

    private final JsonMapper mapper;
    private final List<Constructor<?>> constructors;

    ThrowableConstructors(JsonMapper mapper, Class<? extends Throwable> type) {
        this.mapper = mapper;
        // Richer constructors first; public before others, then (String, Throwable) before narrower causes.
        this.constructors = Arrays.stream(type.getDeclaredConstructors())
                .sorted(Comparator.<Constructor<?>>comparingInt(Constructor::getParameterCount).reversed()
                        .thenComparing(c -> !Modifier.isPublic(c.getModifiers()))
                        .thenComparing(c -> c.getParameterCount() == 2 && c.getParameterTypes()[1] != Throwable.class))
                .toList();
    }

    /** A new instance, or empty if no constructor works. */
    Optional<Created> instantiate(ExceptionEnvelope envelope, Throwable cause) {
        for (Constructor<?> constructor : constructors) {
            if (takesFields(constructor, envelope, cause)) {
                Set<String> consumed = new HashSet<>();
                Object[] args = fieldArguments(constructor, envelope, cause, consumed);
                Optional<Created> created = create(constructor, args, consumed);
                if (created.isPresent()) {
                    return created;
                }
            }
        }
        String message = envelope.message();
        for (Constructor<?> constructor : constructors) {
            Class<?>[] types = constructor.getParameterTypes();
            if (types.length == 2 && types[0] == String.class && Throwable.class.isAssignableFrom(types[1])
                    && (cause == null || types[1].isInstance(cause))) {
                Optional<Created> created = create(constructor, new Object[] {message, cause}, Set.of());
                if (created.isPresent()) {
                    return created;
                }
            }
        }
        return firstWorking(new Class<?>[] {String.class}, new Object[] {message})
                .or(() -> firstWorking(new Class<?>[0], new Object[0]));
    }

    /** Whether every parameter is named after an envelope field, or message or cause, and one is a field. */
    private static boolean takesFields(Constructor<?> constructor, ExceptionEnvelope envelope, Throwable cause) {
        Parameter[] parameters = constructor.getParameters();
        boolean anyField = false;
        for (Parameter parameter : parameters) {
            if (!parameter.isNamePresent()) {
                return false;
            }
            String name = parameter.getName();
            if (envelope.fields().containsKey(name)) {
                anyField = true;
            } else if (!isMessage(parameter) && !isCause(parameter, cause)) {
                return false;
            }
        }
        return anyField;
    }

    /** The arguments converted to the parameters' generic types, or null if one does not convert. */
    private Object[] fieldArguments(Constructor<?> constructor, ExceptionEnvelope envelope, Throwable cause,
            Set<String> consumed) {
        Parameter[] parameters = constructor.getParameters();
        Object[] args = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            Parameter parameter = parameters[i];
            JsonNode value = envelope.fields().get(parameter.getName());
            if (value != null) {
                try {
                    args[i] = mapper.treeToValue(value, mapper.constructType(parameter.getParameterizedType()));
                } catch (RuntimeException | LinkageError unconvertible) {
                    return null;
                }
                consumed.add(parameter.getName());
            } else {
                args[i] = isMessage(parameter) ? envelope.message() : cause;
            }
        }
        return args;
    }

    private Optional<Created> firstWorking(Class<?>[] parameterTypes, Object[] args) {
        for (Constructor<?> constructor : constructors) {
            if (Arrays.equals(constructor.getParameterTypes(), parameterTypes)) {
                return create(constructor, args, Set.of());
            }
        }
        return Optional.empty();
    }

    private static Optional<Created> create(Constructor<?> constructor, Object[] args, Set<String> consumed) {
        if (args == null || !accessible(constructor)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Created((Throwable) constructor.newInstance(args), Set.copyOf(consumed)));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError failed) {
            // Includes whatever the constructor or the class's static initialiser threw.
            return Optional.empty();
        }
    }

    private static boolean accessible(Constructor<?> constructor) {
        try {
            return constructor.trySetAccessible();
        } catch (RuntimeException refused) {
            return false;
        }
    }

    private static boolean isMessage(Parameter parameter) {
        return parameter.getName().equals(MESSAGE) && parameter.getType() == String.class;
    }

    private static boolean isCause(Parameter parameter, Throwable cause) {
        return parameter.getName().equals(CAUSE) && Throwable.class.isAssignableFrom(parameter.getType())
                && (cause == null || parameter.getType().isInstance(cause));
    }
}
