package dev.netx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NetxOptionsTest {

    @Test
    void defaultsAreDocumentedValues() {
        NetxOptions options = NetxOptions.builder("payment").build();

        assertThat(options.shards()).isEqualTo(16);
        assertThat(options.namespace()).isEqualTo("default");
        assertThat(options.orphanTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.nodeName()).endsWith("-" + ProcessHandle.current().pid());
    }

    @Test
    void invalidOptionsFailNamingTheOption() {
        assertThatThrownBy(() -> NetxOptions.builder(null).build()).hasMessageContaining("netx.group");
        assertThatThrownBy(() -> NetxOptions.builder("a{b}").build()).hasMessageContaining("netx.group");
        assertThatThrownBy(() -> NetxOptions.builder("g").shards(0).build()).hasMessageContaining("netx.shards=0");
        assertThatThrownBy(() -> NetxOptions.builder("g").backpressure(0).build())
                .hasMessageContaining("netx.backpressure");
        assertThatThrownBy(() -> NetxOptions.builder("g").orphanTimeout(Duration.ZERO).build())
                .hasMessageContaining("netx.orphan-timeout");
        assertThatThrownBy(() -> NetxOptions.builder("g").retention(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("netx.retention");
        assertThatThrownBy(() -> NetxOptions.builder("g").maxDeliveries(0).build())
                .hasMessageContaining("netx.max-deliveries");
        assertThatThrownBy(() -> NetxOptions.builder("g").pollTimeout(Duration.ofMinutes(5)).build())
                .hasMessageContaining("netx.poll-timeout");
        assertThatThrownBy(() -> NetxOptions.builder("g").replicaAcks(-1).build())
                .hasMessageContaining("netx.replica-acks=-1");
        assertThatThrownBy(() -> NetxOptions.builder("g").replicaAckTimeout(Duration.ZERO).build())
                .hasMessageContaining("netx.replica-ack-timeout");
    }

    @Test
    void mutateKeepsEveryValue() {
        NetxOptions options = NetxOptions.builder("g").shards(3).maxDeliveries(7).nodeName("n1").build();

        assertThat(options.mutate().build()).isEqualTo(options);
    }
}
