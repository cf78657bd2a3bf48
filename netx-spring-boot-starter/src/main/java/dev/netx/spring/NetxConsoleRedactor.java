package dev.netx.spring;

/**
 * Hides personal data from what the Netx console shows of a saga's payloads (each step's input, its
 * result, a dead letter's fields). A bean of this type replaces the default, which shows payloads as
 * they are. Called on request threads; must not throw.
 */
@FunctionalInterface
public interface NetxConsoleRedactor {

    /** Shows payloads as they are. */
    NetxConsoleRedactor NONE = (sagaId, name, payload) -> payload;

    /**
     * What the console shows of a payload.
     *
     * @param sagaId  the saga it belongs to
     * @param name    which payload: {@code in:<step>}, {@code result}, or a dead letter's field name
     * @param payload the payload as encoded (JSON with the default codec)
     */
    String redact(String sagaId, String name, String payload);
}
