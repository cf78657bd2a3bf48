package dev.netx.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How the suite runs the shop's processes.
 *
 * @param shopJar       the shop's executable jar ({@code netx-samples/target/netx-samples.jar})
 * @param logDir        where each process's output goes, one file per process
 * @param orphanTimeout {@code netx.orphan-timeout} of every process (short, to keep runs short)
 * @param orderTimeout  {@code shop.order-timeout}: how long POST /orders waits before answering 202
 * @param retention     {@code netx.retention}: how long finished sagas' state stays in Redis
 * @param seed          the seed data every role starts from
 */
record ShopSettings(Path shopJar, Path logDir, Duration orphanTimeout, Duration orderTimeout, Duration retention,
        Seed seed) {

    /** Checks that the jar exists. */
    ShopSettings {
        Objects.requireNonNull(seed, "seed");
        if (!Files.isRegularFile(shopJar)) {
            throw new IllegalArgumentException("no shop jar at " + shopJar.toAbsolutePath()
                    + ": build it with ./mvnw -B -q -pl netx-faults -am package -DskipTests");
        }
    }

    /** The command line of one process of a role; {@code redis} are its {@code spring.data.redis.*} arguments. */
    List<String> command(String role, int port, String nodeName, List<String> redis, String jdbcUrl) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xss512k", "-jar", shopJar.toAbsolutePath().toString(),
                "--shop.role=" + role, "--server.port=" + port));
        command.addAll(redis);
        command.addAll(List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + RoleDatabase.USER,
                "--spring.datasource.password=", "--netx.node-name=" + nodeName,
                "--netx.orphan-timeout=" + orphanTimeout.toMillis() + "ms",
                "--netx.retention=" + retention.toMillis() + "ms",
                "--shop.order-timeout=" + orderTimeout.toMillis() + "ms",
                "--shop.seed.customers=" + seed.customers(), "--shop.seed.balance=" + seed.balance(),
                "--shop.seed.products=" + seed.products(), "--shop.seed.stock=" + seed.stock(),
                "--logging.level.root=warn", "--logging.level.dev.netx=info"));
        return List.copyOf(command);
    }

    /**
     * The shop's seed data.
     *
     * @param customers customers c1..cN
     * @param balance   each customer's opening balance
     * @param products  products p1..pM
     * @param stock     each product's opening stock
     */
    record Seed(int customers, long balance, int products, long stock) {
    }
}
