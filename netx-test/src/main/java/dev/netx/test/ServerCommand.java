package dev.netx.test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command line of one {@code redis-server} process, but for its port.
 *
 * @param binary      the executable
 * @param dataDir     the working directory, holding data, log and pid files
 * @param leadingArgs arguments that must come first, such as a Sentinel's config file and {@code --sentinel}
 * @param options     further {@code --name value} options, after the common ones so that they may override them
 */
record ServerCommand(RedisBinary binary, Path dataDir, List<String> leadingArgs, List<String> options) {

    static final String LOG_FILE = "redis.log";

    ServerCommand {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(dataDir, "dataDir");
        leadingArgs = List.copyOf(leadingArgs);
        options = List.copyOf(options);
    }

    Path logFile() {
        return dataDir.resolve(LOG_FILE);
    }

    List<String> forPort(int port) {
        List<String> command = new ArrayList<>();
        command.add(binary.path().toString());
        command.addAll(leadingArgs);
        command.addAll(List.of(
                "--port", Integer.toString(port),
                "--bind", RedisServer.HOST,
                "--protected-mode", "no",
                "--daemonize", "no",
                "--save", "",
                "--dir", dataDir.toString(),
                "--logfile", logFile().toString()));
        command.addAll(options);
        return command;
    }
}
