package dev.netx.internal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netx.spi.SagaIdGenerator;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SagaIdsTest {

    @Test
    void idsCarryTheirShardAndAreUnique() {
        SagaIds ids = new SagaIds(SagaIdGenerator.timeOrdered(), 16);
        Set<String> seen = new HashSet<>();
        int[] perShard = new int[16];
        for (int i = 0; i < 160_000; i++) {
            String id = ids.next();
            assertThat(seen.add(id)).isTrue();
            perShard[SagaIds.shardOf(id)]++;
        }
        for (int count : perShard) {
            assertThat(count).isBetween(9_000, 11_000);
        }
    }

    @Test
    void growingTheShardCountMovesFewIds() {
        int moved = 0;
        for (long key = 0; key < 10_000; key++) {
            long hash = SagaIds.hash("id" + key);
            if (SagaIds.jump(hash, 16) != SagaIds.jump(hash, 17)) {
                moved++;
            }
        }
        assertThat(moved).isBetween(400, 800);
    }

    @Test
    void rejectsWhatIsNotASagaId() {
        assertThatThrownBy(() -> SagaIds.shardOf("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SagaIds.shardOf("abc-")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SagaIds.shardOf("abc-x1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SagaIds.shardOf("abc-5000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SagaIds.shardOf(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(SagaIds.shardOf("0190abc-7")).isEqualTo(7);
    }

    @Test
    void refusesGeneratedIdsThatWouldBreakTheFormat() {
        SagaIds ids = new SagaIds(() -> "has space", 4);

        assertThatThrownBy(ids::next).hasMessageContaining("has space");
    }
}
