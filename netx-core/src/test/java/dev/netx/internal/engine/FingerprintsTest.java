package dev.netx.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A retry is the same request whatever the field order and the null fields a newer build writes. */
class FingerprintsTest {

    @Test
    void jsonIsComparedWithItsFieldsSortedAndItsNullFieldsDropped() {
        String sent = "{\"orderId\":\"o1\",\"amount\":300,\"lines\":[{\"sku\":\"p1\",\"note\":null}]}";
        String retried = "{\"lines\":[{\"sku\":\"p1\"}],\"amount\":300,\"currency\":null,\"orderId\":\"o1\"}";

        assertThat(Fingerprints.canonical(retried)).isEqualTo(Fingerprints.canonical(sent));
        assertThat(Fingerprints.canonical("{\"orderId\":\"o1\",\"amount\":301}"))
                .isNotEqualTo(Fingerprints.canonical("{\"orderId\":\"o1\",\"amount\":300}"));
        assertThat(Fingerprints.canonical("[1,2]")).isNotEqualTo(Fingerprints.canonical("[2,1]"));
        assertThat(Fingerprints.canonical("not json {")).isEqualTo("not json {");
        assertThat(Fingerprints.of("a", "bc")).isNotEqualTo(Fingerprints.of("ab", "c")).hasSize(32);
    }
}
