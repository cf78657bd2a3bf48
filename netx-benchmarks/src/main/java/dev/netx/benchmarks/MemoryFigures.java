package dev.netx.benchmarks;

/**
 * What sagas cost in Redis memory ({@code used_memory} above an empty namespace's).
 *
 * @param sagas              sagas the probe ran
 * @param inFlightMbPer10k   MiB per 10,000 sagas in flight (started, first step held): state and messages
 * @param finishedBytesPerSaga bytes per finished saga right after the last one ended: state kept for the
 *                           retention, and stream entries not trimmed yet
 * @param retentionSeconds   the retention ({@code netx.retention}) the probe ran with
 * @param afterRetentionMb   MiB still used one retention (and two trim intervals) after the sagas ended
 * @param keysAfterRetention keys left then (the streams and their consumer groups)
 */
public record MemoryFigures(int sagas, double inFlightMbPer10k, double finishedBytesPerSaga, long retentionSeconds,
        double afterRetentionMb, long keysAfterRetention) {
}
