package dev.netx.faults;

import java.util.List;
import java.util.Locale;

/**
 * Sagas completed per second in a window of a scenario's timeline, as the callers saw them: calls
 * answered 201 or 409 that ended in the window; optionally only those of one shard.
 *
 * @param sagas   sagas completed in the window
 * @param seconds the window's length
 */
record Throughput(long sagas, double seconds) {

    /** The calls of {@code shard} (or of every shard for -1) completed in [fromMs, toMs). */
    static Throughput of(List<Call> calls, long fromMs, long toMs, int shard) {
        long sagas = calls.stream().filter(Call::completed)
                .filter(call -> call.endMs() >= fromMs && call.endMs() < toMs)
                .filter(call -> shard < 0 || call.shard() == shard).count();
        return new Throughput(sagas, (toMs - fromMs) / 1000.0);
    }

    /** Both windows pooled. */
    Throughput and(Throughput other) {
        return new Throughput(sagas + other.sagas, seconds + other.seconds);
    }

    double perSecond() {
        return seconds <= 0 ? 0 : sagas / seconds;
    }

    /** This throughput as a share of another, 1 for equal. */
    double ratioTo(Throughput baseline) {
        return baseline.perSecond() == 0 ? 0 : perSecond() / baseline.perSecond();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.1f/s", perSecond());
    }
}
