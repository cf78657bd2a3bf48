package dev.netx.faults;

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
 * @param error   the answer's error or the transport failure, or {@code null}
 */
record Call(int client, String style, OrderMix.Kind kind, String target, long startMs, long endMs, int status,
        Outcome outcome, String orderId, String error) {

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

    long latencyMs() {
        return endMs - startMs;
    }
}
