package dev.netx.test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves {@link RedisLauncher} and {@link RedisServer} parameters of tests, as described on
 * {@link RedisTest}, and closes them through JUnit's store when their scope ends, whether the tests
 * passed or failed. Usually registered by {@code @RedisTest}.
 */
public final class RedisExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);
    // Distinct keys: a store also answers with the values of its parents' stores.
    private static final String CLASS_SERVER = "class-server";
    private static final String TEST_SERVER = "test-server";

    /** Supports parameters of type {@link RedisLauncher} and {@link RedisServer}. */
    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == RedisLauncher.class || type == RedisServer.class;
    }

    /** Returns the class's launcher, or the server of the class or of the test; starts them on first use. */
    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        ExtensionContext classContext = classContext(extensionContext);
        RedisLauncher launcher = classContext.getStore(NAMESPACE)
                .computeIfAbsent(RedisLauncher.class, type -> new RedisLauncher(), RedisLauncher.class);
        if (parameterContext.getParameter().getType() == RedisLauncher.class) {
            return launcher;
        }
        RedisServerOptions options = RedisServerOptions.defaults().withPersistence(persistence(extensionContext));
        boolean classScoped = isClassScoped(parameterContext.getDeclaringExecutable());
        return (classScoped ? classContext : extensionContext).getStore(NAMESPACE)
                .computeIfAbsent(classScoped ? CLASS_SERVER : TEST_SERVER, key -> launcher.standalone(options), RedisServer.class);
    }

    private static boolean isClassScoped(Executable executable) {
        return executable instanceof Constructor
                || AnnotationSupport.isAnnotated(executable, BeforeAll.class)
                || AnnotationSupport.isAnnotated(executable, AfterAll.class);
    }

    /** The context of the innermost test class, even when asked from a test method's context. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    /** From the nearest {@code @RedisTest}, looking outwards through enclosing test classes. */
    private static RedisServerOptions.Persistence persistence(ExtensionContext context) {
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent(); current = current.get().getParent()) {
            Optional<RedisTest> annotation = current.get().getTestClass()
                    .flatMap(testClass -> AnnotationSupport.findAnnotation(testClass, RedisTest.class));
            if (annotation.isPresent()) {
                return annotation.get().persistence();
            }
        }
        return RedisServerOptions.Persistence.NONE;
    }
}
