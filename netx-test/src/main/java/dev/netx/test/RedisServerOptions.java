package dev.netx.test;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How to start a standalone {@link RedisServer}: its persistence and extra {@code redis-server}
 * arguments. Immutable; start from {@link #defaults()} and use the {@code with...} methods.
 *
 * <p>Every server also gets {@code --bind 127.0.0.1 --protected-mode no --save "" --daemonize no}
 * with its own port, directory and log file; extra arguments come last and so may override these.
 *
 * @param persistence how the server persists data; default {@link Persistence#NONE}
 * @param extraArgs   extra command-line arguments such as {@code "--maxmemory", "10mb"}; default none
 */
public record RedisServerOptions(Persistence persistence, List<String> extraArgs) {

    private static final RedisServerOptions DEFAULTS = new RedisServerOptions(Persistence.NONE, List.of());

    /** Validates and copies the arguments; neither may be {@code null}. */
    public RedisServerOptions {
        Objects.requireNonNull(persistence, "persistence");
        extraArgs = List.copyOf(Objects.requireNonNull(extraArgs, "extraArgs"));
    }

    /** No persistence and no extra arguments. */
    public static RedisServerOptions defaults() {
        return DEFAULTS;
    }

    /** A copy with the given persistence. */
    public RedisServerOptions withPersistence(Persistence persistence) {
        return new RedisServerOptions(persistence, extraArgs);
    }

    /** A copy with the given extra arguments, replacing the previous ones. */
    public RedisServerOptions withExtraArgs(String... extraArgs) {
        return new RedisServerOptions(persistence, List.of(extraArgs));
    }

    /** The {@code redis-server} arguments for these options. */
    List<String> arguments() {
        return Stream.concat(persistence.arguments().stream(), extraArgs.stream()).toList();
    }

    /** How a server persists data across {@link RedisServer#restart()}; RDB snapshots are always off. */
    public enum Persistence {
        /** Nothing survives a restart ({@code appendonly no}). */
        NONE("--appendonly", "no"),
        /** Every write is fsynced to the append-only file before the reply: survives {@code kill -9}. */
        AOF_ALWAYS("--appendonly", "yes", "--appendfsync", "always"),
        /** The append-only file is fsynced once a second: survives a clean stop, may lose the last second on a kill. */
        AOF_EVERYSEC("--appendonly", "yes", "--appendfsync", "everysec");

        private final List<String> arguments;

        Persistence(String... arguments) {
            this.arguments = List.of(arguments);
        }

        List<String> arguments() {
            return arguments;
        }
    }
}
