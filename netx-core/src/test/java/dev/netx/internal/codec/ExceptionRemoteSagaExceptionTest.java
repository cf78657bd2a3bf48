package dev.netx.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netx.RemoteSagaException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

class ExceptionRemoteSagaExceptionTest {

    @Test
    void namesTheRemoteTypeInItsMessage() {
        assertThat(new RemoteSagaException("com.shop.OutOfStockException", "no stock for p1", null, null))
                .hasMessage("com.shop.OutOfStockException: no stock for p1");
        assertThat(new RemoteSagaException("com.shop.OutOfStockException", null, null, null))
                .hasMessage("com.shop.OutOfStockException");
    }

    @Test
    void survivesJavaSerialization() throws Exception {
        StackTraceElement frame = new StackTraceElement("com.shop.Stock", "take", "Stock.java", 12);
        RemoteSagaException sent = new RemoteSagaException("com.shop.OutOfStockException", "no stock",
                new StackTraceElement[] {frame}, new IllegalStateException("inner"));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(sent);
        }
        RemoteSagaException received;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            received = (RemoteSagaException) in.readObject();
        }

        assertThat(received.remoteType()).isEqualTo("com.shop.OutOfStockException");
        assertThat(received.remoteMessage()).isEqualTo("no stock");
        assertThat(received.getStackTrace()).containsExactly(frame);
        assertThat(received.getCause()).isExactlyInstanceOf(IllegalStateException.class).hasMessage("inner");
    }
}
