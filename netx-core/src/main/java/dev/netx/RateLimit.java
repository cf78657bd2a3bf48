package dev.netx;

/**
 * How often something may happen, shared by every node of a group through Redis: at most
 * {@code perSecond} on average, with up to {@code burst} at once after a quiet while (the generic
 * cell rate algorithm, on Redis's clock).
 *
 * @param perSecond how many a second on average; at least {@value #MIN_PER_SECOND}
 * @param burst     how many may go at once; at least 1
 */
public record RateLimit(double perSecond, int burst) {

    /** The lowest rate: one in about 17 minutes. */
    public static final double MIN_PER_SECOND = 0.001;

    /** Validates. */
    public RateLimit {
        if (!(perSecond >= MIN_PER_SECOND) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("a rate limit of " + perSecond + " a second is invalid: must be at least "
                    + MIN_PER_SECOND);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("a rate limit's burst of " + burst + " is invalid: must be at least 1");
        }
    }

    /** A limit of {@code perSecond} on average, with a burst of one second's worth (at least 1). */
    public static RateLimit of(double perSecond) {
        return new RateLimit(perSecond, (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.ceil(perSecond))));
    }

    /** The time between two permits at the average rate, in milliseconds. */
    public double intervalMillis() {
        return 1000 / perSecond;
    }
}
