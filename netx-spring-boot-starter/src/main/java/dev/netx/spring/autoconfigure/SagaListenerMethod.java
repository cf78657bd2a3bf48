package dev.netx.spring.autoconfigure;

import dev.netx.AsyncSagaHandler;
import dev.netx.SagaEvent;
import dev.netx.SagaListener;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * One annotated method of a bean, checked at start-up, and the {@link SagaListener} that calls it.
 * The listener looks the bean up when a message arrives, so the bean may be lazy and may itself
 * depend on Netx; it calls the bean's proxy, if it has one, so that advice such as transactions applies.
 */
final class SagaListenerMethod {

    private static final ClassLoader LOADER = SagaListenerMethod.class.getClassLoader();
    private static final boolean REACTOR = ClassUtils.isPresent("reactor.core.publisher.Mono", LOADER);
    private static final @Nullable Class<?> PUBLISHER = ClassUtils.isPresent("org.reactivestreams.Publisher", LOADER)
            ? ClassUtils.resolveClassName("org.reactivestreams.Publisher", LOADER) : null;

    private enum Returns { VALUE, STAGE, MONO }

    private final String beanName;
    private final Method method;
    private final ListenerDeclaration declaration;
    private final Class<?> eventType;
    private final boolean takesSagaEvent;
    private final Returns returns;
    private final Map<Class<?>, Method> invocable = new ConcurrentHashMap<>();

    private SagaListenerMethod(String beanName, Method method, ListenerDeclaration declaration, Class<?> eventType,
            boolean takesSagaEvent, Returns returns) {
        this.beanName = beanName;
        this.method = method;
        this.declaration = declaration;
        this.eventType = eventType;
        this.takesSagaEvent = takesSagaEvent;
        this.returns = returns;
    }

    /**
     * Checks how the method is declared.
     *
     * @throws IllegalStateException naming the method and what is wrong with it
     */
    static SagaListenerMethod of(String beanName, Method method, ListenerDeclaration declaration) {
        if (Modifier.isStatic(method.getModifiers())) {
            throw wrong(method, "it must not be static");
        }
        if (method.getParameterCount() != 1) {
            throw wrong(method, "it must take exactly one parameter, the event or a SagaEvent");
        }
        Class<?> parameter = method.getParameterTypes()[0];
        boolean takesSagaEvent = parameter == SagaEvent.class;
        Class<?> accepted = takesSagaEvent
                ? ResolvableType.forMethodParameter(method, 0).getGeneric(0).resolve(Object.class)
                : parameter;
        if (accepted.isPrimitive()) {
            throw wrong(method, "its parameter must be the event type or a SagaEvent, not " + accepted);
        }
        Class<?> declared = declaration.event();
        if (declared != Object.class && !accepted.isAssignableFrom(declared)) {
            throw wrong(method, "it declares event " + declared.getName() + " but accepts " + accepted.getName());
        }
        Class<?> eventType = declared != Object.class ? declared : accepted;
        return new SagaListenerMethod(beanName, method, declaration, eventType, takesSagaEvent, returns(method));
    }

    private static Returns returns(Method method) {
        Class<?> type = method.getReturnType();
        if (CompletionStage.class.isAssignableFrom(type)) {
            return Returns.STAGE;
        }
        if (REACTOR && MonoReturns.isMono(type)) {
            return Returns.MONO;
        }
        if (Future.class.isAssignableFrom(type)) {
            throw wrong(method, "it returns a Future that is not a CompletionStage: return a CompletableFuture");
        }
        if (PUBLISHER != null && PUBLISHER.isAssignableFrom(type)) {
            throw wrong(method, "it returns a " + type.getSimpleName() + ": only a Mono is supported (one event)");
        }
        return Returns.VALUE;
    }

    private static IllegalStateException wrong(Method method, String why) {
        return new IllegalStateException("Saga listener method " + describe(method) + " is declared wrongly: " + why);
    }

    /** {@code com.example.Payment.debit(OrderPlaced)}, for messages. */
    static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + Arrays.stream(method.getParameterTypes())
                .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
    }

    String beanName() {
        return beanName;
    }

    Method method() {
        return method;
    }

    ListenerDeclaration declaration() {
        return declaration;
    }

    Class<?> eventType() {
        return eventType;
    }

    /** The listener; it resolves the bean from the factory for each message. */
    SagaListener<?> toListener(BeanFactory beanFactory) {
        return listener(eventType, beanFactory);
    }

    @SuppressWarnings("unchecked")
    private <E> SagaListener<E> listener(Class<E> type, BeanFactory beanFactory) {
        AsyncSagaHandler<E> handler = event -> invoke(beanFactory.getBean(beanName), event);
        return SagaListener.onAsync(declaration.phase(), type, handler)
                .successWith(declaration.successWith())
                .noRollbackFor(declaration.noRollbackFor().toArray(Class[]::new));
    }

    /**
     * Checks that the method can be called on the bean as the context holds it, through its proxy
     * if it has one.
     *
     * @throws IllegalStateException naming the method, if the proxy cannot call it (a private method)
     */
    void checkCallableOn(Object bean) {
        try {
            invocable.computeIfAbsent(bean.getClass(), this::invocableOn);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Saga listener method " + describe(method) + " cannot be called on bean '"
                    + beanName + "': " + e.getMessage());
        }
    }

    private CompletionStage<?> invoke(Object bean, SagaEvent<?> event) {
        Object result;
        try {
            result = invocable.computeIfAbsent(bean.getClass(), this::invocableOn)
                    .invoke(bean, takesSagaEvent ? event : event.event());
        } catch (InvocationTargetException e) {
            return CompletableFuture.failedFuture(e.getTargetException());
        } catch (IllegalAccessException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (result == null) {
            return CompletableFuture.completedFuture(null);
        }
        return switch (returns) {
            // A method declared to return Object may still hand back a stage.
            case VALUE -> result instanceof CompletionStage<?> stage ? stage
                    : CompletableFuture.completedFuture(result);
            case STAGE -> (CompletionStage<?>) result;
            case MONO -> MonoReturns.toStage(result, event.sagaId());
        };
    }

    private Method invocableOn(Class<?> beanClass) {
        Method target = AopUtils.selectInvocableMethod(method, beanClass);
        ReflectionUtils.makeAccessible(target);
        return target;
    }

    @Override
    public String toString() {
        return declaration.phase() + " listener " + describe(method) + " of bean '" + beanName + "'";
    }
}
