package dev.netx.spring.autoconfigure;

import dev.netx.SagaPhase;
import dev.netx.SuccessWith;
import dev.netx.spring.SagaCommit;
import dev.netx.spring.SagaJoin;
import dev.netx.spring.SagaRollback;
import dev.netx.spring.SagaStart;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * What one listener annotation on a method declares.
 *
 * @param phase         the phase listened to
 * @param event         the declared event type, {@code Object.class} when not declared
 * @param successWith   what to publish on success
 * @param noRollbackFor exceptions that do not roll the saga back
 */
record ListenerDeclaration(SagaPhase phase, Class<?> event, SuccessWith successWith,
        List<Class<? extends Throwable>> noRollbackFor) {

    /** The annotations this record reads. */
    static final List<Class<? extends Annotation>> ANNOTATIONS =
            List.of(SagaStart.class, SagaJoin.class, SagaCommit.class, SagaRollback.class);

    ListenerDeclaration {
        noRollbackFor = List.copyOf(noRollbackFor);
    }

    /**
     * The declaration on a method, or {@code null} if it has none.
     *
     * @throws IllegalStateException if it has more than one
     */
    static @Nullable ListenerDeclaration of(Method method) {
        List<ListenerDeclaration> found = Stream.of(
                        read(method, SagaStart.class, a -> new ListenerDeclaration(SagaPhase.START, a.event(),
                                a.successWith(), List.of(a.noRollbackFor()))),
                        read(method, SagaJoin.class, a -> new ListenerDeclaration(SagaPhase.JOIN, a.event(),
                                a.successWith(), List.of(a.noRollbackFor()))),
                        read(method, SagaCommit.class, a -> new ListenerDeclaration(SagaPhase.COMMIT, a.event(),
                                a.successWith(), List.of(a.noRollbackFor()))),
                        read(method, SagaRollback.class, a -> new ListenerDeclaration(SagaPhase.ROLLBACK, a.event(),
                                SuccessWith.END, List.of(a.noRollbackFor()))))
                .filter(declaration -> declaration != null)
                .toList();
        if (found.size() > 1) {
            throw new IllegalStateException("a method can listen to one phase only, found "
                    + found.stream().map(ListenerDeclaration::phase).toList());
        }
        return found.isEmpty() ? null : found.get(0);
    }

    private static <A extends Annotation> @Nullable ListenerDeclaration read(Method method, Class<A> type,
            Function<A, ListenerDeclaration> reader) {
        A annotation = AnnotatedElementUtils.findMergedAnnotation(method, type);
        return annotation == null ? null : reader.apply(annotation);
    }
}
