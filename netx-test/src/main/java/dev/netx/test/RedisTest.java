package dev.netx.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lets the tests of a class take {@link RedisLauncher} and {@link RedisServer} parameters, resolved
 * by {@link RedisExtension}:
 * <ul>
 *   <li>a {@code RedisLauncher}: one for the test class, closed after all its tests;</li>
 *   <li>a {@code RedisServer} in a constructor or a {@code @BeforeAll}/{@code @AfterAll} method:
 *       one standalone server for the test class;</li>
 *   <li>a {@code RedisServer} in a test, {@code @BeforeEach} or {@code @AfterEach} method: a fresh
 *       standalone server for each test, closed after it.</li>
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RedisExtension.class)
public @interface RedisTest {

    /** The persistence of the injected {@code RedisServer}s; default {@link RedisServerOptions.Persistence#NONE}. */
    RedisServerOptions.Persistence persistence() default RedisServerOptions.Persistence.NONE;
}
