package dev.netx.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The operator reads the console's token from its page and the dead letters from its JSON, as the page does. */
class ConsoleOperatorTest {

    @Test
    void readsTheTokenFromThePagesBody() {
        String page = "<!doctype html><html><head><title>Netx</title></head><body data-token=\"0a1b2c3d4e5f\""
                + " data-actions=\"true\" data-csrf-header=\"\" data-csrf-token=\"\">";

        assertThat(ConsoleOperator.token(page)).isEqualTo("0a1b2c3d4e5f");
    }

    @Test
    void aPageWithoutATokenIsRefusedClearly() {
        assertThatThrownBy(() -> ConsoleOperator.token("<body data-actions=\"false\">"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no token");
    }

    @Test
    void readsTheDeadLettersOfTheList() {
        String json = "[{\"id\":\"2/1796594001122-0\",\"sagaId\":\"01a2-2\",\"group\":\"payment\",\"reason\":"
                + "\"payment provider unavailable\",\"deliveries\":2,\"at\":\"2026-12-07T23:52:01.101Z\",\"fields\":"
                + "{\"s\":\"01a2-2\"}},{\"id\":\"11/1-0\",\"sagaId\":\"\",\"group\":\"inventory\",\"reason\":\"x\","
                + "\"deliveries\":5,\"at\":1796594001,\"fields\":{}}]";

        assertThat(ConsoleOperator.letters(json)).containsExactly(
                new ConsoleOperator.Letter("2/1796594001122-0", "01a2-2", "payment", "payment provider unavailable"),
                new ConsoleOperator.Letter("11/1-0", "", "inventory", "x"));
        assertThat(ConsoleOperator.letters("[]")).isEmpty();
    }
}
