package dev.netx.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A seed replays the same faults and the same orders. */
class SchedulesTest {

    @Test
    void theSameSeedDrawsTheSameFaultTimesAndOrders() {
        assertThat(times(42)).isEqualTo(times(42)).isNotEqualTo(times(43));
        ShopSettings.Seed seed = new ShopSettings.Seed(20, 1_000, 10, 1_000);
        OrderMix first = new OrderMix(seed, 42);
        OrderMix second = new OrderMix(seed, 42);
        IntStream.range(0, 100).forEach(i -> assertThat(first.next()).isEqualTo(second.next()));
    }

    @Test
    void poisonOrdersComeOnlyWithAPoisonShareAndNameAProductNoInventoryHas() {
        ShopSettings.Seed seed = new ShopSettings.Seed(20, 1_000, 10, 1_000);
        OrderMix plain = new OrderMix(seed, 42);
        OrderMix unpoisoned = new OrderMix(seed, 42);
        OrderMix poisoned = new OrderMix(seed, 42);
        IntStream.range(0, 100).forEach(i -> assertThat(unpoisoned.next(0)).isEqualTo(plain.next()));
        IntStream.range(0, 100).forEach(i -> assertThat(poisoned.next(1)).satisfies(draw -> {
            assertThat(draw.kind()).isEqualTo(OrderMix.Kind.POISON);
            assertThat(draw.body()).containsEntry("productId", OrderMix.POISON_PRODUCT);
        }));
    }

    @Test
    void faultTimesKeepTheirGapsAndStopBeforeTheEnd() {
        List<Duration> times = times(7);
        assertThat(times).first().isEqualTo(Duration.ofSeconds(8));
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i).minus(times.get(i - 1))).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(30));
        }
        assertThat(times).last().matches(last -> last.compareTo(Duration.ofSeconds(200)) < 0);
    }

    private static List<Duration> times(long seed) {
        return Schedules.every(new Random(seed), Duration.ofSeconds(8), Duration.ofSeconds(200), Duration.ofSeconds(20),
                Duration.ofSeconds(30));
    }
}
