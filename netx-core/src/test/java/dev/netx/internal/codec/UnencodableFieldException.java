package dev.netx.internal.codec;

/** An exception holding whatever the test gives it, which the mapper may be unable to encode. */
class UnencodableFieldException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Object attachment;
    private final int code;

    UnencodableFieldException(String message, Object attachment, int code) {
        super(message);
        this.attachment = attachment;
        this.code = code;
    }

    UnencodableFieldException(String message) {
        this(message, null, 0);
    }

    int code() {
        return code;
    }

    /** An object whose only property throws when read. */
    static final class Exploding {
        public String getValue() {
            throw new IllegalStateException("cannot read me");
        }
    }

    /** An object that contains itself. */
    static final class Loop {
        public Loop getSelf() {
            return this;
        }
    }
}
