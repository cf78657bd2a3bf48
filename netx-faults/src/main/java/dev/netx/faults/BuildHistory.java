package dev.netx.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which build each order slot ran when, on the scenario's timeline: so that a call can be told
 * which chain version the process that took it started its saga with. A process is counted as
 * running a build from the moment it reported UP; between its stop and then it runs none.
 * Thread-safe.
 */
final class BuildHistory {

    /** From {@code fromMs} on the slot runs {@code build}, or nothing when it is {@code null}. */
    private record Entry(long fromMs, SagaBuild build) {
    }

    private final Map<String, List<Entry>> bySlot = new HashMap<>();
    private final List<Long> rolls = new ArrayList<>();

    /** The slot reported UP as {@code build} at {@code atMs}. */
    synchronized void started(String slot, SagaBuild build, long atMs) {
        bySlot.computeIfAbsent(slot, s -> new ArrayList<>()).add(new Entry(atMs, build));
    }

    /** The slot began to stop at {@code atMs}: a roll step. */
    synchronized void stopped(String slot, long atMs) {
        bySlot.computeIfAbsent(slot, s -> new ArrayList<>()).add(new Entry(atMs, null));
        rolls.add(atMs);
    }

    /** The build the slot ran for the whole of {@code fromMs..toMs}, if it ran one build throughout. */
    synchronized Optional<SagaBuild> throughout(String slot, long fromMs, long toMs) {
        List<Entry> entries = bySlot.getOrDefault(slot, List.of());
        Entry at = null;
        for (Entry entry : entries) {
            if (entry.fromMs() > toMs) {
                break;
            }
            if (entry.fromMs() > fromMs) {
                return Optional.empty(); // it changed while the call ran
            }
            at = entry;
        }
        return at == null ? Optional.empty() : Optional.ofNullable(at.build());
    }

    /** When each roll step began (a process stopped to be replaced). */
    synchronized List<Long> rolls() {
        return List.copyOf(rolls);
    }

    synchronized void clear() {
        bySlot.clear();
        rolls.clear();
    }
}
