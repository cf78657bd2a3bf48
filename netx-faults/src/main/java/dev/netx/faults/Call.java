package dev.netx.faults;

import java.time.Duration;

/**
 * One caller's POST /orders and what it got.
 *
 * @param client  which load client made it
 * @param style   orchestration or choreography
 * @param kind    what the order was meant to meet
 * @param target  the slot of the order process it went to
 * @param startMs when it was sent, on the scenario's timeline
 * @param endMs   when it ended
 * @param status  the HTTP status, or 0 without an answer
 * @param outcome how it ended
 * @param orderId the order's id from the answer, or {@code null}
 * @param sagaId  the saga's id from the answer (it ends with its shard), or {@code null}
 * @param error   the answer's error or the transport failure, or {@code null}
 * @param idempotencyKey the {@code Idempotency-Key} header it sent, or {@code null} for none
 * @param attempt which try of its key it was, or {@code null} without a key
 * @param retryAfter the answer's {@code Retry-After} (the shop sends it with a 429), or {@code null} for none
 */
record Call(int client, String style, OrderMix.Kind kind, String target, long startMs, long endMs, int status,
        Outcome outcome, String orderId, String sagaId, String error, String idempotencyKey, Attempt attempt,
        Duration retryAfter) {

    /** A call without an idempotency key, answered without a {@code Retry-After}. */
    Call(int client, String style, OrderMix.Kind kind, String target, long startMs, long endMs, int status,
            Outcome outcome, String orderId, String sagaId, String error) {
        this(client, style, kind, target, startMs, endMs, status, outcome, orderId, sagaId, error, null, null, null);
    }

    /** Which try of an idempotency key a call was. */
    enum Attempt {
        /** The first try. */
        FIRST,
        /** The same order sent at the same instant as its first try, to the other order process. */
        TWIN,
        /** Sent again because the try before was answered 202 (still running). */
        AFTER_202,
        /** Sent again because the try before got no answer within the deadline. */
        AFTER_TIMEOUT,
        /** Sent again because the try before lost its connection or found no process (or got 503). */
        AFTER_CUT,
        /** The key once more with another body, after the order was answered: must be 422. */
        CONFLICT
    }

    /** How a call ended. */
    enum Outcome {
        /** An HTTP answer came. */
        ANSWERED,
        /** The connection broke after the request was sent (its process was killed, say). */
        CONNECTION_LOST,
        /** No answer within the caller's deadline. */
        TIMED_OUT,
        /** No order process accepted the connection: the request was never sent. */
        REFUSED
    }

    /** Whether the shop took the order (201, 409 or 202 with an order id): its saga must end. */
    boolean accepted() {
        return orderId != null && (status == 201 || status == 409 || status == 202);
    }

    /** Whether the saga ended and the caller was told how: 201 or 409. */
    boolean completed() {
        return status == 201 || status == 409;
    }

    /** The shard of its saga (the number after the saga id's last dash), or -1 without a saga id. */
    int shard() {
        int dash = sagaId == null ? -1 : sagaId.lastIndexOf('-');
        try {
            return dash < 0 ? -1 : Integer.parseInt(sagaId.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    long latencyMs() {
        return endMs - startMs;
    }
}
