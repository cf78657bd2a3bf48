package dev.netx;

import java.time.Duration;
import java.util.Objects;

/**
 * A saga start refused by admission control (see {@link AdmissionOptions}) because Redis is nearly
 * full or a group the saga needs is too far behind, or by its orchestrator's rate limit (see
 * {@link RateLimits}). Nothing was written; retry after {@link #retryAfter()}.
 */
public class SagaRejectedException extends NetxException {

    private static final long serialVersionUID = 1L;

    private final String limit;
    private final Duration retryAfter;

    /** A refusal by the named limit ({@code netx.admission.max-memory}, ...). */
    public SagaRejectedException(String limit, String reason, Duration retryAfter) {
        super("saga start refused by " + limit + ": " + reason + "; nothing was written, retry after "
                + retryAfter.toSeconds() + " s");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** The property of the limit that refused it, e.g. {@code netx.admission.max-memory}. */
    public String limit() {
        return limit;
    }

    /** How long to wait before trying again. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
