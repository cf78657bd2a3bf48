package dev.netx.test;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes groups of resources. */
final class Closeables {

    private static final Logger log = LoggerFactory.getLogger(Closeables.class);

    private Closeables() {
    }

    /** Closes the resources last first, each even if another fails; failures are logged, as there is no one left to tell. */
    static void closeInReverse(List<? extends AutoCloseable> resources) {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                log.warn("Cannot close {}", resources.get(i), e);
            }
        }
    }
}
