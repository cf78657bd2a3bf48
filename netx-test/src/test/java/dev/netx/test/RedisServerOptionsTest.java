package dev.netx.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netx.test.RedisServerOptions.Persistence;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisServerOptionsTest {

    @Test
    void defaultsPersistNothingAndAddNoArguments() {
        assertThat(RedisServerOptions.defaults().persistence()).isEqualTo(Persistence.NONE);
        assertThat(RedisServerOptions.defaults().extraArgs()).isEmpty();
        assertThat(RedisServerOptions.defaults().arguments()).containsExactly("--appendonly", "no");
    }

    @Test
    void withersReturnChangedCopies() {
        RedisServerOptions options = RedisServerOptions.defaults()
                .withPersistence(Persistence.AOF_ALWAYS)
                .withExtraArgs("--maxmemory", "10mb");

        assertThat(options.arguments()).containsExactly("--appendonly", "yes", "--appendfsync", "always", "--maxmemory", "10mb");
        assertThat(RedisServerOptions.defaults().persistence()).isEqualTo(Persistence.NONE);
    }

    @Test
    void extraArgumentsAreCopied() {
        List<String> args = new ArrayList<>(List.of("--maxmemory", "10mb"));
        RedisServerOptions options = new RedisServerOptions(Persistence.AOF_EVERYSEC, args);

        args.clear();

        assertThat(options.extraArgs()).containsExactly("--maxmemory", "10mb");
    }

    @Test
    void nullsAreRejected() {
        assertThatThrownBy(() -> new RedisServerOptions(null, List.of())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new RedisServerOptions(Persistence.NONE, null)).isInstanceOf(NullPointerException.class);
    }
}
