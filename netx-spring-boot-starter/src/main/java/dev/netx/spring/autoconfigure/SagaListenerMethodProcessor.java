package dev.netx.spring.autoconfigure;

import dev.netx.ParticipantHandler;
import dev.netx.SagaListener;
import dev.netx.spring.SagaParticipant;
import dev.netx.spi.SagaCodec;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Finds the {@code @SagaStart}, {@code @SagaJoin}, {@code @SagaCommit}, {@code @SagaRollback} and
 * {@code @SagaParticipant} methods of the application's beans.
 *
 * <p>The node needs all its listeners before it is built, while a bean that declares listeners may
 * itself need the node (to publish events) or be lazy. So {@link #listeners(SagaCodec)} finds the
 * methods on the beans' types, without creating any bean, when the node is built; each listener looks
 * its bean up when a message arrives. As a post-processor, it then checks every bean created later:
 * one with listener methods that its type did not show (a {@code @Bean} method declared to return a
 * type without them) fails start-up naming the method, rather than silently never being called; so
 * does a method that the bean's proxy cannot call (a private one).
 */
final class SagaListenerMethodProcessor implements BeanPostProcessor, BeanFactoryAware {

    private @Nullable ConfigurableListableBeanFactory beanFactory;
    private volatile @Nullable Map<String, List<SagaListenerMethod>> registered;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory);
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    /**
     * The listeners of every annotated method; called once, when the node is built.
     *
     * @throws IllegalStateException naming a method that is declared wrongly, or two methods that
     *     listen to the same phase and event type
     */
    synchronized List<SagaListener<?>> listeners(SagaCodec codec) {
        ConfigurableListableBeanFactory factory = requireBeanFactory();
        List<SagaListenerMethod> methods = scan();
        Map<String, SagaListenerMethod> byKey = new HashMap<>();
        Map<String, List<SagaListenerMethod>> byBean = new HashMap<>();
        for (SagaListenerMethod method : methods) {
            String type = method.eventType() == Object.class ? "any event" : codec.typeName(method.eventType());
            SagaListenerMethod other = byKey.putIfAbsent(method.declaration().phase() + " " + type, method);
            if (other != null) {
                throw new IllegalStateException("Two " + method.declaration().phase() + " saga listeners for "
                        + type + " in one group: " + SagaListenerMethod.describe(other.method()) + " and "
                        + SagaListenerMethod.describe(method.method()));
            }
            byBean.computeIfAbsent(method.beanName(), name -> new ArrayList<>()).add(method);
        }
        byBean.forEach((name, beanMethods) -> {
            // Beans that exist already are checked now; the others when they are created.
            if (factory.containsSingleton(name) && !factory.isCurrentlyInCreation(name)
                    && !factory.isFactoryBean(name)) {
                Object bean = factory.getSingleton(name);
                beanMethods.forEach(method -> method.checkCallableOn(bean));
            }
        });
        registered = byBean;
        return methods.stream().<SagaListener<?>>map(method -> method.toListener(factory)).toList();
    }

    /**
     * The participant handlers of every {@code @SagaParticipant} method; called once, when the node
     * is built.
     *
     * @throws IllegalStateException naming a method that is declared wrongly, or two handlers of one name
     */
    synchronized List<ParticipantHandler<?>> participants() {
        ConfigurableListableBeanFactory factory = requireBeanFactory();
        Map<String, SagaParticipantMethod> byName = new LinkedHashMap<>();
        for (String name : beanNames(factory)) {
            Class<?> type = targetType(factory, name);
            if (type == null || !AnnotationUtils.isCandidateClass(type, SagaParticipant.class)) {
                continue;
            }
            MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<SagaParticipant>) method ->
                    AnnotatedElementUtils.findMergedAnnotation(method, SagaParticipant.class))
                    .forEach((method, annotation) -> {
                        SagaParticipantMethod participant = SagaParticipantMethod.of(name, method, annotation.value());
                        SagaParticipantMethod other = byName.putIfAbsent(participant.name(), participant);
                        if (other != null) {
                            throw new IllegalStateException("Two saga participant handlers named '"
                                    + participant.name() + "': " + SagaParticipantMethod.describe(other.method())
                                    + " and " + SagaParticipantMethod.describe(method));
                        }
                    });
        }
        return byName.values().stream().<ParticipantHandler<?>>map(method -> method.toHandler(factory)).toList();
    }

    private static Set<String> beanNames(ConfigurableListableBeanFactory factory) {
        Set<String> names = new LinkedHashSet<>(List.of(factory.getBeanDefinitionNames()));
        names.addAll(List.of(factory.getSingletonNames()));
        names.removeIf(ScopedProxyUtils::isScopedTarget);
        return names;
    }

    /** The annotated methods of the beans' types, checked. */
    List<SagaListenerMethod> scan() {
        ConfigurableListableBeanFactory factory = requireBeanFactory();
        Set<String> names = new LinkedHashSet<>(List.of(factory.getBeanDefinitionNames()));
        names.addAll(List.of(factory.getSingletonNames()));
        return names.stream()
                .filter(name -> !ScopedProxyUtils.isScopedTarget(name))
                .flatMap(name -> {
                    Class<?> type = targetType(factory, name);
                    return type == null ? Stream.empty() : declarations(type).entrySet().stream()
                            .map(e -> SagaListenerMethod.of(name, e.getKey(), e.getValue()));
                })
                .toList();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Map<String, List<SagaListenerMethod>> known = registered;
        if (known == null) {
            return bean; // not scanned yet: the scan will see this bean's actual type
        }
        String name = ScopedProxyUtils.isScopedTarget(beanName) ? ScopedProxyUtils.getOriginalBeanName(beanName)
                : beanName;
        List<SagaListenerMethod> listenerMethods = known.getOrDefault(name, List.of());
        Set<Method> seen = listenerMethods.stream().map(SagaListenerMethod::method).collect(Collectors.toSet());
        List<String> unseen = declarations(AopProxyUtils.ultimateTargetClass(bean)).keySet().stream()
                .filter(method -> !seen.contains(method))
                .map(SagaListenerMethod::describe)
                .sorted()
                .toList();
        if (!unseen.isEmpty()) {
            throw new BeanInitializationException("Saga listener methods " + unseen + " of bean '" + beanName
                    + "' were not visible from the bean's declared type when the Netx node was built: declare the"
                    + " bean (or its @Bean method's return type) as its class");
        }
        listenerMethods.forEach(method -> method.checkCallableOn(bean));
        return bean;
    }

    private static Map<Method, ListenerDeclaration> declarations(Class<?> type) {
        if (!AnnotationUtils.isCandidateClass(type, ListenerDeclaration.ANNOTATIONS)) {
            return Map.of();
        }
        return new LinkedHashMap<>(MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<ListenerDeclaration>) method -> {
                    try {
                        return ListenerDeclaration.of(method);
                    } catch (IllegalStateException e) {
                        throw new IllegalStateException("Saga listener method " + SagaListenerMethod.describe(method)
                                + " is declared wrongly: " + e.getMessage());
                    }
                }));
    }

    /** The bean's class as declared, seen through proxies, without creating the bean. */
    private static @Nullable Class<?> targetType(ConfigurableListableBeanFactory factory, String name) {
        try {
            if (factory.containsBeanDefinition(name)) {
                BeanDefinition definition = factory.getMergedBeanDefinition(name);
                if (definition.isAbstract()) {
                    return null;
                }
                if (definition.getAttribute(AutoProxyUtils.ORIGINAL_TARGET_CLASS_ATTRIBUTE) instanceof Class<?> c) {
                    return c;
                }
            }
            Class<?> type = factory.getType(name, false);
            return type == null ? null : ClassUtils.getUserClass(type);
        } catch (RuntimeException e) {
            return null; // a type that cannot be told without creating the bean: the post-processor checks it
        }
    }

    private ConfigurableListableBeanFactory requireBeanFactory() {
        Assert.state(beanFactory != null, "no bean factory");
        return beanFactory;
    }
}
