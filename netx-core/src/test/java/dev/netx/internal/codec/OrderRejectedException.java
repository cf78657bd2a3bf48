package dev.netx.internal.codec;

import java.util.List;

/** An exception whose fields are set after construction, so decoding must set them reflectively. */
class OrderRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private String reason;
    private List<Long> lineIds = List.of();
    private transient String localOnly;

    OrderRejectedException(String message) {
        super(message);
    }

    OrderRejectedException rejecting(String reason, List<Long> lineIds, String localOnly) {
        this.reason = reason;
        this.lineIds = lineIds;
        this.localOnly = localOnly;
        return this;
    }

    String reason() {
        return reason;
    }

    List<Long> lineIds() {
        return lineIds;
    }

    String localOnly() {
        return localOnly;
    }
}
