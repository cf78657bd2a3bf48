package dev.netx.benchmarks;

import io.lettuce.core.FlushMode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's own connection to each Redis server (not counted as Netx requests): samples
 * {@code INFO} and empties the servers between runs. Blocking; not thread-safe.
 */
public final class RedisStats implements AutoCloseable {

    private final List<RedisClient> clients = new ArrayList<>();
    private final List<RedisCommands<String, String>> servers = new ArrayList<>();

    RedisStats(List<RedisURI> uris) {
        for (RedisURI uri : uris) {
            RedisClient client = RedisClient.create(uri);
            clients.add(client);
            StatefulRedisConnection<String, String> connection = client.connect();
            servers.add(connection.sync());
        }
    }

    /** A sample summed over every server. */
    public RedisSample sample() {
        Map<String, Long> commands = new HashMap<>();
        Map<String, Long> micros = new HashMap<>();
        long reads = 0;
        long memory = 0;
        double cpu = 0;
        long keys = 0;
        for (RedisCommands<String, String> redis : servers) {
            commandStats(redis.info("commandstats"), commands, micros);
            Map<String, String> stats = fields(redis.info("stats"));
            reads += Long.parseLong(stats.getOrDefault("total_reads_processed", "0"));
            memory += Long.parseLong(fields(redis.info("memory")).get("used_memory"));
            Map<String, String> cpuInfo = fields(redis.info("cpu"));
            cpu += Double.parseDouble(cpuInfo.get("used_cpu_user")) + Double.parseDouble(cpuInfo.get("used_cpu_sys"));
            keys += redis.dbsize();
        }
        return new RedisSample(commands, micros, reads, memory, cpu, keys);
    }

    /** {@code used_memory} summed over the servers. */
    public long usedMemory() {
        return servers.stream().mapToLong(redis -> Long.parseLong(fields(redis.info("memory")).get("used_memory")))
                .sum();
    }

    /** Keys summed over the servers. */
    public long keys() {
        return servers.stream().mapToLong(RedisCommands::dbsize).sum();
    }

    /** Deletes every key of every server, synchronously, so that the next run starts from an empty Redis. */
    public void flushAll() {
        servers.forEach(redis -> redis.flushall(FlushMode.SYNC));
    }

    @Override
    public void close() {
        clients.forEach(RedisClient::shutdown);
    }

    /** Reads {@code cmdstat_<name>:calls=N,usec=M,...} lines. */
    private static void commandStats(String info, Map<String, Long> calls, Map<String, Long> micros) {
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (!line.startsWith("cmdstat_") || colon < 0) {
                continue;
            }
            String name = line.substring("cmdstat_".length(), colon);
            for (String field : line.substring(colon + 1).split(",")) {
                if (field.startsWith("calls=")) {
                    calls.merge(name, Long.parseLong(field.substring(6).strip()), Long::sum);
                } else if (field.startsWith("usec=")) {
                    micros.merge(name, Long.parseLong(field.substring(5).strip()), Long::sum);
                }
            }
        }
    }

    private static Map<String, String> fields(String info) {
        Map<String, String> result = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                result.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return result;
    }
}
