package dev.netx.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netx.RemoteSagaException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExceptionEnvelopesTrustTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String PROBE = ExceptionEnvelopesTrustTest.class.getName() + "$Probe";

    private final ExceptionEnvelopes trustingThisPackage = new ExceptionEnvelopes(MAPPER,
            List.of("dev.netx.internal.codec"), ExceptionEnvelopes.DEFAULT_MAX_BYTES);
    private final ExceptionEnvelopes trustingOnlyShop = new ExceptionEnvelopes(MAPPER, List.of("com.shop"),
            ExceptionEnvelopes.DEFAULT_MAX_BYTES);

    @Test
    void givesARemoteSagaExceptionForATypeOutsideTheTrustedPackages() {
        InsufficientBalanceException sent = new InsufficientBalanceException("c-7", 1, 2);
        sent.initCause(new OrderRejectedException("rejected").initCause(new IllegalStateException("locked")));

        Throwable received = trustingOnlyShop.decode(trustingThisPackage.encode(sent));

        assertThat(received).isExactlyInstanceOf(RemoteSagaException.class)
                .hasMessage(InsufficientBalanceException.class.getName() + ": customer c-7 has 1, needs 2");
        RemoteSagaException remote = (RemoteSagaException) received;
        assertThat(remote.remoteType()).isEqualTo(InsufficientBalanceException.class.getName());
        assertThat(remote.remoteMessage()).isEqualTo("customer c-7 has 1, needs 2");
        assertThat(remote.getStackTrace()[0].getMethodName())
                .isEqualTo("givesARemoteSagaExceptionForATypeOutsideTheTrustedPackages");
        assertThat(remote.getCause()).isExactlyInstanceOf(RemoteSagaException.class);
        assertThat(((RemoteSagaException) remote.getCause()).remoteType())
                .isEqualTo(OrderRejectedException.class.getName());
        assertThat(remote.getCause().getCause()).isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("locked");
    }

    @Test
    void givesARemoteSagaExceptionForAnUnknownClassInATrustedPackage() {
        Throwable received = trustingOnlyShop.decode("""
                {"type":"com.shop.OutOfStockException","message":"no stock for p1",
                 "frames":["com.shop.Stock.take(Stock.java:12)"],
                 "cause":{"type":"com.shop.Warehouse$Closed","message":null}}""");

        assertThat(received).isExactlyInstanceOf(RemoteSagaException.class)
                .hasMessage("com.shop.OutOfStockException: no stock for p1");
        assertThat(received.getStackTrace()).containsExactly(
                new StackTraceElement("com.shop.Stock", "take", "Stock.java", 12));
        assertThat(received.getCause()).isExactlyInstanceOf(RemoteSagaException.class)
                .hasMessage("com.shop.Warehouse$Closed");
        assertThat(((RemoteSagaException) received.getCause()).remoteMessage()).isNull();
    }

    @Test
    void neverLoadsAClassOutsideTheTrustedPackages() {
        RecordingClassLoader loader = new RecordingClassLoader();

        Throwable received = withContextLoader(loader, () -> trustingOnlyShop.decode(
                "{\"type\":\"" + PROBE + "\",\"message\":\"m\","
                + "\"cause\":{\"type\":\"com.shopping.Cart\",\"message\":\"x\"}}"));

        assertThat(received).isExactlyInstanceOf(RemoteSagaException.class);
        assertThat(received.getCause()).isExactlyInstanceOf(RemoteSagaException.class);
        assertThat(loader.requested).doesNotContain(PROBE, "com.shopping.Cart");
    }

    @Test
    void refusesJdkClassesThatAreNotThrowables() {
        for (String type : List.of("java.lang.ProcessBuilder", "java.lang.Runtime", "java.lang.Thread")) {
            Throwable received = trustingThisPackage.decode(
                    "{\"type\":\"" + type + "\",\"message\":\"touch\",\"fields\":{\"command\":[\"sh\"]}}");

            assertThat(received).isExactlyInstanceOf(RemoteSagaException.class).hasMessage(type + ": touch");
        }
    }

    @Test
    void neitherInitialisesNorInstantiatesATrustedClassThatIsNotAThrowable() {
        RecordingClassLoader loader = new RecordingClassLoader();

        Throwable received = withContextLoader(loader, () -> trustingThisPackage.decode(
                "{\"type\":\"" + PROBE + "\",\"message\":\"boom\",\"fields\":{\"value\":\"v\"}}"));

        assertThat(received).isExactlyInstanceOf(RemoteSagaException.class).hasMessage(PROBE + ": boom");
        assertThat(loader.requested).contains(PROBE); // it was looked at, and only looked at
        assertThat(Witness.INITIALISED).isFalse();
        assertThat(Witness.CONSTRUCTED).hasValue(0);
    }

    @Test
    void refusesNamesThatAreNotJavaClassNames() {
        for (String type : List.of("", " ", "[Ljava.lang.String;", "java.lang.", ".java.lang.Error",
                "java..lang.Error", "java.lang.Error\u0000", "java/lang/Error", "Error", "java.lang.Err or")) {
            Throwable received = trustingThisPackage.decode(MAPPER.createObjectNode().put("type", type).toString());

            assertThat(received).as("type %s", type).isExactlyInstanceOf(RemoteSagaException.class);
        }
    }

    @Test
    void trustsSubPackagesButNotPackagesThatMerelyShareAPrefix() {
        TrustedPackages trusted = new TrustedPackages(List.of("com.shop", "org.acme.*"));

        assertThat(trusted.trusts("com.shop.X")).isTrue();
        assertThat(trusted.trusts("com.shop.sub.Y$Inner")).isTrue();
        assertThat(trusted.trusts("org.acme.Failure")).isTrue();
        assertThat(trusted.trusts("java.util.concurrent.TimeoutException")).isTrue();
        assertThat(trusted.trusts("com.shopping.Z")).isFalse();
        assertThat(trusted.trusts("com.Shop")).isFalse();
        assertThat(trusted.trusts("javax.naming.NamingException")).isFalse();
        assertThat(trusted.trusts("X")).isFalse();
        assertThatThrownBy(() -> new TrustedPackages(List.of(""))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrustedPackages(List.of("com..shop")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void givesARemoteSagaExceptionWhenNoConstructorWorks() {
        Throwable received = trustingThisPackage.decode(
                "{\"type\":\"" + Refusing.class.getName() + "\",\"message\":\"nope\"}");

        assertThat(received).isExactlyInstanceOf(RemoteSagaException.class)
                .hasMessage(Refusing.class.getName() + ": nope");
    }

    private static Throwable withContextLoader(ClassLoader loader, Supplier<Throwable> action) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** A class loader that delegates everything and remembers what it was asked for. */
    private static final class RecordingClassLoader extends ClassLoader {

        final Set<String> requested = ConcurrentHashMap.newKeySet();

        RecordingClassLoader() {
            super(ExceptionEnvelopesTrustTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }
    }

    /** Where {@link Probe} would leave traces; a separate class, so that reading it leaves Probe alone. */
    static final class Witness {
        static final AtomicBoolean INITIALISED = new AtomicBoolean();
        static final AtomicInteger CONSTRUCTED = new AtomicInteger();
    }

    /** Not a Throwable, in a trusted package: must never be initialised or instantiated by decoding. */
    static final class Probe {
        static {
            Witness.INITIALISED.set(true);
        }

        String value;

        Probe() {
            Witness.CONSTRUCTED.incrementAndGet();
        }

        Probe(String message) {
            this();
            this.value = message;
        }
    }

    /** A Throwable whose every constructor throws. */
    static final class Refusing extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Refusing(String message) {
            super(message);
            throw new UnsupportedOperationException("not from the wire");
        }

        Refusing() {
            this("none");
        }
    }
}
