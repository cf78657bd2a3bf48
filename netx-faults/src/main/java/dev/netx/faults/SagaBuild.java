package dev.netx.faults;

import java.util.List;

/**
 * A build of the order role as a rolling deploy of the order saga swaps it (issue 17): which
 * versions of the place-order chain it declares and which one its new orders start with, set by the
 * shop's {@code shop.saga.*} properties.
 */
enum SagaBuild {
    /** The build before the deploy: chain version 1 only. */
    OLD("1", 1),
    /** The new build: declares both chains, starts version 2 (a screen step before the payment, refund-order). */
    NEW("1,2", 2),
    /** The rollback build: starts version 1 again, still declares version 2 while its sagas run. */
    ROLLBACK("1,2", 1);

    private final String versions;
    private final int startVersion;

    SagaBuild(String versions, int startVersion) {
        this.versions = versions;
        this.startVersion = startVersion;
    }

    /** The version its new orchestrated orders start with. */
    int startVersion() {
        return startVersion;
    }

    /** The command-line arguments that make an order process this build. */
    List<String> arguments() {
        return List.of("--shop.saga.versions=" + versions, "--shop.saga.start-version=" + startVersion);
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT) + " (versions " + versions + ", starts v" + startVersion + ")";
    }
}
