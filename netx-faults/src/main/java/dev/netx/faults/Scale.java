package dev.netx.faults;

/** How long and how hard the scenarios run: SMOKE for CI (a few minutes in all), FULL for the published figures. */
enum Scale {
    /** Short runs with a fault or two each. */
    SMOKE,
    /** The published run. */
    FULL;

    /** The smoke or the full value. */
    long pick(long smoke, long full) {
        return this == SMOKE ? smoke : full;
    }
}
