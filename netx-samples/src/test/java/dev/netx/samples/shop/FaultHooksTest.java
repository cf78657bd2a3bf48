package dev.netx.samples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The fault-injection hooks are off unless set, and bind from {@code shop.faults.*}. */
class FaultHooksTest {

    private static ShopProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("shop", ShopProperties.class);
    }

    @Test
    void hooksAreOffUnlessSet() {
        ShopProperties.Faults faults = bind(Map.of("shop.role", "payment")).faults();

        assertThat(faults.haltAfterCommitEvery()).isZero();
        assertThat(faults.haltBeforeAnswerEvery()).isZero();
        FaultHooks hooks = new FaultHooks(faults);
        for (int i = 0; i < 1_000; i++) {
            hooks.afterCommit("s-" + i + ":payment:start"); // would halt this JVM if it fired
            hooks.beforeAnswer("s-" + i);
        }
    }

    @Test
    void hooksBindFromShopFaults() {
        ShopProperties.Faults faults = bind(Map.of("shop.faults.halt-after-commit-every", "150",
                "shop.faults.halt-before-answer-every", "60")).faults();

        assertThat(faults.haltAfterCommitEvery()).isEqualTo(150);
        assertThat(faults.haltBeforeAnswerEvery()).isEqualTo(60);
    }
}
