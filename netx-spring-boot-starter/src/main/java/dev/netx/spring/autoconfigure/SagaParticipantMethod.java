package dev.netx.spring.autoconfigure;

import dev.netx.AsyncStepFunction;
import dev.netx.ParticipantHandler;
import dev.netx.SagaContext;
import dev.netx.StepPolicy;
import dev.netx.TypeRef;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * One {@code @SagaParticipant} method of a bean, checked at start-up, and the
 * {@link ParticipantHandler} that calls it; the bean is looked up for each call, through its proxy.
 */
final class SagaParticipantMethod {

    private static final boolean REACTOR = ClassUtils.isPresent("reactor.core.publisher.Mono",
            SagaParticipantMethod.class.getClassLoader());

    private final String beanName;
    private final Method method;
    private final String name;

    private SagaParticipantMethod(String beanName, Method method, String name) {
        this.beanName = beanName;
        this.method = method;
        this.name = name;
    }

    /**
     * Checks how the method is declared.
     *
     * @throws IllegalStateException naming the method and what is wrong with it
     */
    static SagaParticipantMethod of(String beanName, Method method, String name) {
        if (name == null || name.isBlank()) {
            throw wrong(method, "it needs a handler name");
        }
        if (Modifier.isStatic(method.getModifiers())) {
            throw wrong(method, "it must not be static");
        }
        int count = method.getParameterCount();
        if (count < 1 || count > 2 || (count == 2 && method.getParameterTypes()[1] != SagaContext.class)) {
            throw wrong(method, "it must take the step's input, and optionally a SagaContext second");
        }
        if (method.getParameterTypes()[0].isPrimitive()) {
            throw wrong(method, "its input must not be a primitive");
        }
        Class<?> returned = method.getReturnType();
        if (Future.class.isAssignableFrom(returned) && !CompletionStage.class.isAssignableFrom(returned)) {
            throw wrong(method, "it returns a Future that is not a CompletionStage: return a CompletableFuture");
        }
        return new SagaParticipantMethod(beanName, method, name);
    }

    String name() {
        return name;
    }

    Method method() {
        return method;
    }

    /** The handler; it resolves the bean from the factory for each call. */
    ParticipantHandler<Object> toHandler(BeanFactory beanFactory) {
        AsyncStepFunction<Object, Object> function = (input, context) -> invoke(beanFactory.getBean(beanName), input,
                context);
        return new ParticipantHandler<>(name, TypeRef.ofType(method.getGenericParameterTypes()[0]), function,
                StepPolicy.defaults());
    }

    @SuppressWarnings("unchecked")
    private CompletionStage<Object> invoke(Object bean, Object input, SagaContext context) {
        Object result;
        try {
            Method target = AopUtils.selectInvocableMethod(method, bean.getClass());
            ReflectionUtils.makeAccessible(target);
            result = method.getParameterCount() == 2 ? target.invoke(bean, input, context) : target.invoke(bean, input);
        } catch (InvocationTargetException e) {
            return CompletableFuture.failedFuture(e.getTargetException());
        } catch (IllegalAccessException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (result instanceof CompletionStage<?> stage) {
            return (CompletionStage<Object>) stage;
        }
        if (REACTOR && result != null && MonoReturns.isMono(result.getClass())) {
            return (CompletionStage<Object>) MonoReturns.toStage(result, context.sagaId());
        }
        return CompletableFuture.completedFuture(result);
    }

    static String describe(Method method) {
        return SagaListenerMethod.describe(method);
    }

    private static IllegalStateException wrong(Method method, String why) {
        return new IllegalStateException("Saga participant method " + describe(method) + " is declared wrongly: " + why);
    }
}
