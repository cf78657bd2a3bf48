package dev.netx.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netx.RemoteSagaException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ExceptionEnvelopesLimitsTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final int SMALL = 1024;

    private final ExceptionEnvelopes envelopes = new ExceptionEnvelopes(MAPPER, List.of("dev.netx.internal.codec"),
            ExceptionEnvelopes.DEFAULT_MAX_BYTES);
    private final ExceptionEnvelopes small = new ExceptionEnvelopes(MAPPER, List.of("dev.netx.internal.codec"),
            SMALL);

    @Test
    void decodesGarbageAsAnUnreadableRemoteFailure() {
        for (String garbage : Arrays.asList("", "   ", null, "not json {", "[]", "42", "null", "{\"type\":5}",
                "{\"message\":\"no type\"}", "{\"type\":\"java.lang.Error\"", "\u0000\uffff")) {
            Throwable received = envelopes.decode(garbage);

            assertThat(received).as("decoding %s", garbage).isExactlyInstanceOf(RemoteSagaException.class);
            assertThat(((RemoteSagaException) received).remoteType()).isEqualTo("unknown");
            assertThat(received.getMessage()).contains("unreadable");
        }
    }

    @Test
    void decodesMalformedPartsLeniently() {
        Throwable received = envelopes.decode("""
                {"type":"java.lang.IllegalStateException","message":7,"fields":[1,2],
                 "frames":{"a":1},"cause":"not an envelope"}""");

        assertThat(received).isExactlyInstanceOf(IllegalStateException.class).hasMessage(null).hasNoCause();
        assertThat(received.getStackTrace()).isEmpty();
    }

    @Test
    void skipsFramesThatDoNotParse() {
        Throwable received = envelopes.decode("""
                {"type":"java.lang.IllegalStateException","message":"m","frames":["garbage",
                 "a.B.c(Native Method)","a.B.d(Unknown Source)","a.B.e(B.java)","a.B$1.lambda$f$0(B.java:9)"]}""");

        assertThat(received.getStackTrace()).containsExactly(
                new StackTraceElement("a.B", "c", null, -2),
                new StackTraceElement("a.B", "d", null, -1),
                new StackTraceElement("a.B", "e", "B.java", -1),
                new StackTraceElement("a.B$1", "lambda$f$0", "B.java", 9));
    }

    @Test
    void encodesANullFailure() {
        assertThat(envelopes.decode(envelopes.encode(null))).isExactlyInstanceOf(RemoteSagaException.class);
    }

    @Test
    void keepsAtMostEightEnvelopesOfADeepCauseChain() {
        Throwable failure = new IllegalStateException("level 0");
        for (int level = 1; level <= 20; level++) {
            failure = new IllegalStateException("level " + level, failure);
        }

        String json = envelopes.encode(failure);
        Throwable received = envelopes.decode(json);

        assertThat(depth(MAPPER.readTree(json))).isEqualTo(8);
        List<String> messages = new ArrayList<>();
        for (Throwable t = received; t != null; t = t.getCause()) {
            messages.add(t.getMessage());
        }
        assertThat(messages).containsExactly("level 20", "level 19", "level 18", "level 17", "level 16",
                "level 15", "level 14", "level 13");
    }

    @Test
    void readsAtMostEightEnvelopesOfAHandWrittenDeepChain() {
        String json = "{\"type\":\"java.lang.Error\",\"message\":\"innermost\"}";
        for (int level = 0; level < 50; level++) {
            json = "{\"type\":\"java.lang.Error\",\"message\":\"" + level + "\",\"cause\":" + json + "}";
        }

        Throwable received = envelopes.decode(json);

        int depth = 0;
        for (Throwable t = received; t != null; t = t.getCause()) {
            depth++;
        }
        assertThat(depth).isEqualTo(8);
    }

    @Test
    void stopsACauseCycle() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalArgumentException second = new IllegalArgumentException("second", first);
        first.initCause(second);

        String json = envelopes.encode(first);
        Throwable received = envelopes.decode(json);

        assertThat(depth(MAPPER.readTree(json))).isEqualTo(2);
        assertThat(received).isExactlyInstanceOf(IllegalStateException.class).hasMessage("first");
        assertThat(received.getCause()).isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("second")
                .hasNoCause();
    }

    @Test
    void shortensAHugeMessageToFitTheLimit() {
        for (String unit : List.of("x", "é", "\uD83D\uDE00", "\"\n\u0001")) {
            String huge = unit.repeat(1_000_000 / unit.length());
            IllegalStateException failure = new IllegalStateException(huge, new IllegalArgumentException(huge));

            for (ExceptionEnvelopes codec : List.of(envelopes, small)) {
                String json = codec.encode(failure);
                Throwable received = codec.decode(json);

                int limit = codec == small ? SMALL : ExceptionEnvelopes.DEFAULT_MAX_BYTES;
                assertThat(bytes(json)).isLessThanOrEqualTo(limit).isGreaterThan(limit / 2);
                assertThat(received).isExactlyInstanceOf(IllegalStateException.class);
                assertThat(received.getMessage()).startsWith(unit).endsWith("…");
                assertThat(huge).startsWith(received.getMessage().substring(0, received.getMessage().length() - 1));
            }
        }
    }

    @Test
    void dropsFramesThenFieldsThenCausesBeforeTheMessage() {
        OrderRejectedException failure = new OrderRejectedException("short message")
                .rejecting("r".repeat(700), List.of(), null);
        failure.initCause(new IllegalStateException("cause"));

        JsonNode full = MAPPER.readTree(envelopes.encode(failure));
        JsonNode shrunk = MAPPER.readTree(small.encode(failure));

        assertThat(full.path("frames").isEmpty()).isFalse();
        assertThat(full.path("fields").path("reason").isString()).isTrue();
        assertThat(bytes(shrunk.toString())).isLessThanOrEqualTo(SMALL);
        assertThat(shrunk.path("message").stringValue()).isEqualTo("short message");
        assertThat(shrunk.path("frames").isMissingNode()).isTrue();
        assertThat(shrunk.path("cause").path("message").stringValue()).isEqualTo("cause");
        assertThat(small.decode(shrunk.toString())).isExactlyInstanceOf(OrderRejectedException.class)
                .hasMessage("short message").hasCauseExactlyInstanceOf(IllegalStateException.class);
    }

    @Test
    void encodesAFailureWhoseMethodsThrow() {
        RuntimeException hostile = new RuntimeException() {
            private static final long serialVersionUID = 1L;

            @Override
            public String getMessage() {
                throw new IllegalStateException("no message for you");
            }

            @Override
            public synchronized Throwable getCause() {
                throw new IllegalStateException("no cause either");
            }

            @Override
            public StackTraceElement[] getStackTrace() {
                throw new IllegalStateException("nor frames");
            }
        };

        String json = envelopes.encode(hostile);

        assertThat(envelopes.decode(json)).isInstanceOf(RemoteSagaException.class)
                .hasMessage(hostile.getClass().getName());
    }

    @Test
    void relaysARemoteSagaExceptionAsTheOriginalRemoteFailure() {
        RemoteSagaException relayed = new RemoteSagaException("com.shop.OutOfStockException", "no stock for p1",
                null, new IllegalStateException("inner"));

        Throwable received = envelopes.decode(envelopes.encode(relayed));

        assertThat(received).isExactlyInstanceOf(RemoteSagaException.class)
                .hasMessage("com.shop.OutOfStockException: no stock for p1");
        assertThat(received.getCause()).isExactlyInstanceOf(IllegalStateException.class).hasMessage("inner");
    }

    @Test
    void refusesALimitTooSmallForAnyEnvelope() {
        assertThatThrownBy(() -> new ExceptionEnvelopes(MAPPER, List.of(), 100))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static int depth(JsonNode envelope) {
        return envelope.path("cause").isObject() ? 1 + depth(envelope.path("cause")) : 1;
    }

    private static int bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8).length;
    }
}
