package dev.netx.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ExceptionEnvelopesRoundTripTest {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final ExceptionEnvelopes envelopes = new ExceptionEnvelopes(MAPPER,
            List.of("dev.netx.internal.codec"), ExceptionEnvelopes.DEFAULT_MAX_BYTES);

    private Throwable roundTrip(Throwable failure) {
        String json = envelopes.encode(failure);
        assertThat(json.getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(ExceptionEnvelopes.DEFAULT_MAX_BYTES);
        return envelopes.decode(json);
    }

    @Test
    void recreatesACheckedExceptionThroughTheConstructorNamedAfterItsFields() {
        InsufficientBalanceException sent = new InsufficientBalanceException("c-42", 10, 25);
        sent.initCause(new IllegalStateException("ledger locked"));

        Throwable received = roundTrip(sent);

        assertThat(received).isExactlyInstanceOf(InsufficientBalanceException.class)
                .hasMessage("customer c-42 has 10, needs 25");
        InsufficientBalanceException decoded = (InsufficientBalanceException) received;
        assertThat(decoded.customerId()).isEqualTo("c-42");
        assertThat(decoded.balance()).isEqualTo(10);
        assertThat(decoded.amount()).isEqualTo(25);
        assertThat(decoded.getCause()).isExactlyInstanceOf(IllegalStateException.class).hasMessage("ledger locked")
                .hasNoCause();
    }

    @Test
    void setsFieldsAssignedAfterConstructionButNotTransientOnes() {
        OrderRejectedException sent = new OrderRejectedException("order o-1 rejected")
                .rejecting("fraud suspected", List.of(7L, 8L), "local");
        sent.initCause(new InsufficientBalanceException("c-1", 0, 5));

        Throwable received = roundTrip(sent);

        assertThat(received).isExactlyInstanceOf(OrderRejectedException.class).hasMessage("order o-1 rejected");
        OrderRejectedException decoded = (OrderRejectedException) received;
        assertThat(decoded.reason()).isEqualTo("fraud suspected");
        assertThat(decoded.lineIds()).containsExactly(7L, 8L);
        assertThat(decoded.localOnly()).isNull();
        assertThat(decoded.getCause()).isExactlyInstanceOf(InsufficientBalanceException.class)
                .hasMessage("customer c-1 has 0, needs 5");
    }

    @Test
    void keepsTheTopRemoteStackFrames() {
        IllegalStateException sent = new IllegalStateException("where?");

        Throwable received = roundTrip(sent);

        assertThat(received.getStackTrace()).hasSize(Math.min(12, sent.getStackTrace().length));
        StackTraceElement top = received.getStackTrace()[0];
        assertThat(top.getClassName()).isEqualTo(getClass().getName());
        assertThat(top.getMethodName()).isEqualTo("keepsTheTopRemoteStackFrames");
        assertThat(top.getFileName()).isEqualTo(sent.getStackTrace()[0].getFileName());
        assertThat(top.getLineNumber()).isEqualTo(sent.getStackTrace()[0].getLineNumber());
    }

    @Test
    void recreatesJdkExceptions() {
        assertThat(roundTrip(new IllegalArgumentException("bad amount")))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage("bad amount").hasNoCause();
        assertThat(roundTrip(new IllegalArgumentException()))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessage(null);

        Throwable received = roundTrip(new UncheckedIOException("cannot write", new IOException("disk full")));

        assertThat(received).isExactlyInstanceOf(UncheckedIOException.class).hasMessage("cannot write");
        assertThat(received.getCause()).isExactlyInstanceOf(IOException.class).hasMessage("disk full");
    }

    @Test
    void leavesOutFieldsThatDoNotEncodeButKeepsTypeMessageAndOtherFields() {
        for (Object attachment : List.of(new UnencodableFieldException.Exploding(),
                new UnencodableFieldException.Loop())) {
            String json = envelopes.encode(new UnencodableFieldException("cannot ship", attachment, 7));
            Throwable received = envelopes.decode(json);

            assertThat(MAPPER.readTree(json).path("fields").propertyNames()).containsExactly("code");
            assertThat(received).as("with %s", attachment.getClass())
                    .isExactlyInstanceOf(UnencodableFieldException.class).hasMessage("cannot ship");
            assertThat(((UnencodableFieldException) received).code()).isEqualTo(7);
        }
    }

    @Test
    void survivesAFieldHoldingAThread() {
        Throwable received = roundTrip(new UnencodableFieldException("cannot ship", Thread.currentThread(), 7));

        assertThat(received).isExactlyInstanceOf(UnencodableFieldException.class).hasMessage("cannot ship");
        assertThat(((UnencodableFieldException) received).code()).isEqualTo(7);
    }
}
