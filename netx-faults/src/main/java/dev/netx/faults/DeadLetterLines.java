package dev.netx.faults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dead letters the shop's processes wrote, as their claimers log each one (ERROR, {@code saga <id>:
 * message <id> dead-lettered as <shard>/<entry> after <n> deliveries to group <g>: <reason>}): every
 * one written, even one relayed (and so gone from its stream) before anyone read the stream.
 */
final class DeadLetterLines {

    private static final Pattern DEAD_LETTERED = Pattern.compile(
            "saga (\\S+): message (\\S+) dead-lettered as (\\d+/\\d+-\\d+) after (\\d+) deliveries to group (\\S+): (.*)$");

    private DeadLetterLines() {
    }

    /**
     * One dead letter as its claimer logged it.
     *
     * @param sagaId     its saga, {@code unknown} for an entry without one
     * @param messageId  the message's entry id in the stream it came from
     * @param deadId     the dead letter's id, {@code <shard>/<entry>}, as the console names it
     * @param deliveries how often it had been delivered
     * @param group      the group that failed it
     * @param reason     why, as the group recorded it
     */
    record Written(String sagaId, String messageId, String deadId, long deliveries, String group, String reason) {
    }

    /** The dead letters logged in a log's text, in the order logged. */
    static List<Written> in(String log) {
        List<Written> written = new ArrayList<>();
        for (String line : log.split("\n")) {
            Matcher matcher = DEAD_LETTERED.matcher(line.strip());
            if (matcher.find()) {
                written.add(new Written(matcher.group(1), matcher.group(2), matcher.group(3),
                        Long.parseLong(matcher.group(4)), matcher.group(5), matcher.group(6)));
            }
        }
        return written;
    }

    /** The dead letters logged since each log had the given size. Blocks. */
    static List<Written> since(Map<Path, Long> sizes) {
        List<Written> written = new ArrayList<>();
        sizes.forEach((log, size) -> written.addAll(in(ProcessLogs.since(log, size))));
        return written;
    }
}
