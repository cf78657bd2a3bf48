package dev.netx.faults;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The writes Redis refused for lack of memory ({@code OOM} under {@code noeviction}) that the shop's
 * processes logged: those of accepted sagas (a step, reply, listener or compensation that could not
 * move on and stays pending), and the rest (the nodes' own claims, trims and heartbeats).
 *
 * @param sagaLines    lines of an accepted saga's message that could not move on
 * @param sagas        the sagas those lines name
 * @param otherLines   other lines naming an OOM
 * @param sagaExample  the first line of an accepted saga's message, or {@code null}
 * @param otherExample the first other line, or {@code null}
 */
record OomRefusals(int sagaLines, Set<String> sagas, int otherLines, String sagaExample, String otherExample) {

    /** No refusal. */
    static final OomRefusals NONE = new OomRefusals(0, Set.of(), 0, null, null);

    /** Redis's own word ({@code -OOM command not allowed ...}), also inside a script's error. */
    private static final Pattern OOM = Pattern.compile("\\bOOM\\b");
    /**
     * The engine's lines for a saga's message that Redis refused to move on: {@code saga <id>: could not
     * finish ...} (a step, reply or listener's transition), {@code saga <id>: message <id> on <stream>
     * left pending for retry: ...} (a compensation that could not begin).
     */
    private static final Pattern UNFINISHED = Pattern.compile(
            "saga ([0-9a-f]+-\\d+): (?:could not finish |message \\S+ on \\S+ left pending for retry)");

    /** Copies. */
    OomRefusals {
        sagas = Set.copyOf(sagas);
    }

    /** The refusals in a log's text. */
    static OomRefusals in(String log) {
        int sagaLines = 0;
        int otherLines = 0;
        Set<String> sagas = new HashSet<>();
        String sagaExample = null;
        String otherExample = null;
        for (String line : log.split("\n")) {
            if (!OOM.matcher(line).find()) {
                continue;
            }
            Matcher unfinished = UNFINISHED.matcher(line);
            if (unfinished.find()) {
                sagas.add(unfinished.group(1));
                sagaLines++;
                sagaExample = sagaExample == null ? line.strip() : sagaExample;
            } else {
                otherLines++;
                otherExample = otherExample == null ? line.strip() : otherExample;
            }
        }
        return new OomRefusals(sagaLines, sagas, otherLines, sagaExample, otherExample);
    }

    /** The refusals the processes logged since each log had the size given. Blocks. */
    static OomRefusals since(Map<Path, Long> logSizes) {
        OomRefusals all = NONE;
        for (Map.Entry<Path, Long> log : logSizes.entrySet()) {
            all = all.plus(in(ProcessLogs.since(log.getKey(), log.getValue())));
        }
        return all;
    }

    /** These and the other refusals together. */
    OomRefusals plus(OomRefusals other) {
        Set<String> both = new HashSet<>(sagas);
        both.addAll(other.sagas);
        return new OomRefusals(sagaLines + other.sagaLines, both, otherLines + other.otherLines,
                sagaExample != null ? sagaExample : other.sagaExample,
                otherExample != null ? otherExample : other.otherExample);
    }

    /** Every line naming an OOM. */
    int lines() {
        return sagaLines + otherLines;
    }
}
