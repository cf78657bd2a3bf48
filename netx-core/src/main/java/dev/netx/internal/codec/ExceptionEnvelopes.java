package dev.netx.internal.codec;

import dev.netx.RemoteSagaException;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.json.JsonMapper;

/**
 * Failures as JSON envelopes that travel between services, and back. An envelope holds the exception's
 * class name, message, own fields (those that encode), top stack frames and cause chain. Decoding gives
 * the same exception class when it is on the classpath, a {@link Throwable} and in a trusted package,
 * and a {@link RemoteSagaException} naming the remote class otherwise. Neither method throws or blocks.
 * Thread-safe.
 */
public final class ExceptionEnvelopes {

    /** The default limit of an encoded envelope: 16 KiB of UTF-8. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024;

    /** The smallest accepted limit, room for a type, a short message and the last-resort envelope. */
    static final int MIN_MAX_BYTES = 512;

    static final String UNKNOWN_TYPE = "unknown";

    // Written by hand so that it cannot fail; decodes as a RemoteSagaException of type "unknown".
    private static final String LAST_RESORT = "{\"type\":\"" + UNKNOWN_TYPE
            + "\",\"message\":\"the failure could not be encoded\"}";

    private final JsonMapper mapper;
    private final EnvelopeEncoder encoder;
    private final EnvelopeDecoder decoder;

    /**
     * Envelopes written and read with the given mapper.
     *
     * @param mapper the mapper for the envelope and for the exceptions' fields; not null
     * @param trustedPackages packages whose exception classes are recreated, each trusting its
     *     sub-packages too; the JDK's {@code java.} packages are always trusted; not null
     * @param maxBytes the largest encoded envelope in UTF-8 bytes, at least 512; see {@link #DEFAULT_MAX_BYTES}
     * @throws IllegalArgumentException if a package name is not valid or {@code maxBytes} is below 512
     */
    public ExceptionEnvelopes(JsonMapper mapper, List<String> trustedPackages, int maxBytes) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        Objects.requireNonNull(trustedPackages, "trustedPackages");
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("maxBytes must be at least " + MIN_MAX_BYTES + ": " + maxBytes);
        }
        this.encoder = new EnvelopeEncoder(mapper, maxBytes);
        this.decoder = new EnvelopeDecoder(mapper, new TrustedPackages(trustedPackages));
    }

    /**
     * The failure as a JSON envelope of at most {@code maxBytes} UTF-8 bytes. Never throws: what does not
     * encode is left out, down to type and message; a null failure gives an envelope of type
     * {@code unknown}.
     */
    public String encode(Throwable failure) {
        if (failure == null) {
            return LAST_RESORT;
        }
        try {
            return encoder.write(encoder.capture(failure));
        } catch (Throwable unencodable) {
            // The caller is reporting a failure; failing to report it would lose the saga's outcome.
            return typeAndMessage(failure);
        }
    }

    /**
     * The failure an envelope describes, with its cause chain. Never throws: text that is not an
     * envelope gives a {@link RemoteSagaException} of type {@code unknown}.
     */
    public Throwable decode(String envelope) {
        ExceptionEnvelope read;
        try {
            read = ExceptionEnvelope.fromTree(mapper.readTree(envelope));
        } catch (Throwable unreadable) {
            return new RemoteSagaException(UNKNOWN_TYPE, "the exception envelope was unreadable", null, null);
        }
        try {
            return decoder.decode(read);
        } catch (Throwable undecodable) {
            // Only a broken class or mapper gets here; type and message still tell what failed.
            return new RemoteSagaException(read.type(), read.message(), null, null);
        }
    }

    private String typeAndMessage(Throwable failure) {
        try {
            return encoder.write(encoder.captureTypeAndMessage(failure));
        } catch (Throwable unencodable) {
            return LAST_RESORT;
        }
    }
}
