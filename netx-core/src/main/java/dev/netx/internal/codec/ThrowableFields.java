package dev.netx.internal.codec;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The instance fields an exception class declares itself, below {@link Throwable}: the state that an
 * envelope carries beyond type, message, frames and cause.
 */
final class ThrowableFields {

    private ThrowableFields() {
    }

    /**
     * The non-static, non-transient, non-synthetic fields of the class and its superclasses, by name,
     * the most derived first; a field hidden by a subclass's field of the same name is left out.
     * Classes of the JDK are skipped: their state is private to them and reflection on it is refused.
     */
    static Map<String, Field> of(Class<?> type) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Class<?> c = type; c != null && c != Throwable.class; c = c.getSuperclass()) {
            if (isJdk(c)) {
                continue;
            }
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
                    fields.putIfAbsent(field.getName(), field);
                }
            }
        }
        return fields;
    }

    /** Whether reflection may read and write the field; never throws. */
    static boolean accessible(Field field) {
        try {
            return field.trySetAccessible();
        } catch (RuntimeException refused) {
            return false;
        }
    }

    private static boolean isJdk(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.");
    }
}
