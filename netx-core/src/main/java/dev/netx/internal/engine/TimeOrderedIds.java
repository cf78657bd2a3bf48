package dev.netx.internal.engine;

import dev.netx.spi.SagaIdGenerator;
import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * UUID version 7 ids as 32 hex digits: 48 bits of milliseconds, then 74 random bits from a
 * per-thread generator seeded from {@link SecureRandom}, so no two processes need to coordinate.
 */
public final class TimeOrderedIds implements SagaIdGenerator {

    private static final SecureRandom SEEDS = new SecureRandom();
    private static final ThreadLocal<SplittableRandom> RANDOM =
            ThreadLocal.withInitial(() -> new SplittableRandom(SEEDS.nextLong()));

    @Override
    public String next() {
        SplittableRandom random = RANDOM.get();
        long high = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return hex(high) + hex(low);
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value);
        return "0".repeat(16 - digits.length()) + digits;
    }
}
