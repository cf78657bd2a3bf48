package dev.netx;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * A type with its generic arguments, so that a {@code List<Item>} survives encoding:
 * {@code new TypeRef<List<Item>>() {}}. For a plain class, {@link #of(Class)}.
 *
 * @param <T> the type
 */
public abstract class TypeRef<T> {

    private final Type type;

    /** Captures the type argument of the anonymous subclass. */
    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType parameterized)) {
            throw new IllegalStateException("TypeRef must be created as new TypeRef<...>() {} with a type argument");
        }
        this.type = parameterized.getActualTypeArguments()[0];
    }

    private TypeRef(Type type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** The reference of a plain class. */
    public static <T> TypeRef<T> of(Class<T> type) {
        return new TypeRef<>((Type) type) {
        };
    }

    /** The reference of a type found by reflection, e.g. a method's generic parameter type. */
    public static TypeRef<Object> ofType(Type type) {
        return new TypeRef<>(type) {
        };
    }

    /** The full type. */
    public Type type() {
        return type;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TypeRef<?> ref && ref.type.equals(type);
    }

    @Override
    public int hashCode() {
        return type.hashCode();
    }

    @Override
    public String toString() {
        return type.getTypeName();
    }
}
