package dev.netx;

/**
 * Caller-chosen saga keys, which make a start idempotent: a second start with the same key, while
 * the first saga runs or within {@link NetxOptions#retention()} after it finished, returns the first
 * saga instead of starting another, also when two nodes start it at the same instant. A key is the
 * caller's name for one business operation ({@code order:o-17}, an HTTP {@code Idempotency-Key}).
 */
public final class SagaKeys {

    /** The longest key accepted, in characters. */
    public static final int MAX_LENGTH = 200;

    private SagaKeys() {
    }

    /**
     * Returns the key when it is valid: 1 to {@value #MAX_LENGTH} characters, none of them a control
     * character.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static String require(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a saga key must have 1 to " + MAX_LENGTH + " characters, was "
                    + (key == null ? "null" : key.length() + " characters"));
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw new IllegalArgumentException("a saga key cannot hold control characters: '" + key + "'");
            }
        }
        return key;
    }
}
