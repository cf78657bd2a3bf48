package dev.netx.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedisBinaryTest {

    @Test
    void embeddedBinaryIsRedis62() {
        RedisBinary embedded = RedisBinary.embedded();

        assertThat(embedded.isEmbedded()).isTrue();
        assertThat(embedded.version()).startsWith("6.2");
        assertThat(embedded.path()).isExecutable();
        assertThat(RedisBinary.embedded()).isSameAs(embedded);
    }

    @Test
    void settingEmbeddedForcesTheEmbeddedBinaryEvenWithRedisOnPath() {
        RedisBinary binary = RedisBinary.resolve("embedded", "/usr/bin:/usr/local/bin");

        assertThat(binary.isEmbedded()).isTrue();
        assertThat(binary.version()).startsWith("6.2");
    }

    @Test
    void withoutRedisOnPathTheEmbeddedBinaryIsUsed() {
        assertThat(RedisBinary.resolve(null, "/nonexistent").isEmbedded()).isTrue();
        assertThat(RedisBinary.resolve("", null).isEmbedded()).isTrue();
    }

    @Test
    void redisOnPathIsPreferredWithoutSetting() {
        Optional<RedisBinary> onPath = RedisBinary.onPath();
        assumeTrue(onPath.isPresent(), "no redis-server on PATH");

        RedisBinary binary = RedisBinary.resolve(null, System.getenv("PATH"));

        assertThat(binary.isEmbedded()).isFalse();
        assertThat(binary.path()).isEqualTo(onPath.get().path());
        // This project's machines have Redis 7 on PATH (Debian 12: 7.0.15).
        assertThat(Integer.parseInt(binary.version().split("\\.")[0])).isGreaterThanOrEqualTo(7);
    }

    @Test
    void settingAPathUsesThatExecutable() {
        RedisBinary embedded = RedisBinary.embedded();

        RedisBinary binary = RedisBinary.resolve(embedded.path().toString(), null);

        assertThat(binary.path()).isEqualTo(embedded.path());
        assertThat(binary.version()).isEqualTo(embedded.version());
    }

    @Test
    void settingSomethingNotExecutableFailsClearly() {
        assertThatThrownBy(() -> RedisBinary.resolve("/nonexistent/redis-server", null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/nonexistent/redis-server");
        assertThatThrownBy(() -> RedisBinary.of(Path.of("pom.xml")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("pom.xml");
    }

    @Test
    void binaryOfThisRunFollowsTheEnvironmentVariable() {
        String setting = System.getProperty(RedisBinary.PROPERTY, System.getenv(RedisBinary.SETTING));

        RedisBinary binary = RedisBinary.resolve();

        if (RedisBinary.EMBEDDED.equals(setting)) {
            assertThat(binary.isEmbedded()).isTrue();
        } else if (setting == null && RedisBinary.onPath().isPresent()) {
            assertThat(binary.path()).isEqualTo(RedisBinary.onPath().get().path());
        }
        assertThat(RedisBinary.resolve()).isSameAs(binary);
    }

    @Test
    void embeddedResourceMatchesOsAndArchitecture() {
        assertThat(EmbeddedBinary.resourceFor("Linux", "amd64")).isEqualTo("redis-server-6.2.6-v5-linux-amd64");
        assertThat(EmbeddedBinary.resourceFor("Linux", "aarch64")).isEqualTo("redis-server-6.2.7-linux-arm64");
        assertThat(EmbeddedBinary.resourceFor("Mac OS X", "x86_64")).isEqualTo("redis-server-6.2.6-v5-darwin-amd64");
        assertThat(EmbeddedBinary.resourceFor("Mac OS X", "aarch64")).isEqualTo("redis-server-6.2.6-v5-darwin-arm64");
        assertThatThrownBy(() -> EmbeddedBinary.resourceFor("Windows 11", "amd64"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(RedisBinary.SETTING);
    }
}
