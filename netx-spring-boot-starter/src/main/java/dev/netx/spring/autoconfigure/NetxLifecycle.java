package dev.netx.spring.autoconfigure;

import dev.netx.Netx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the node when the application context is refreshed, before the web server, and stops it
 * after the web server has drained its requests: it stops reading, lets running handlers finish within
 * {@code netx.shutdown-grace} and leaves unfinished messages pending for other nodes. Stopping runs
 * on its own thread, so that it counts against {@code spring.lifecycle.timeout-per-shutdown-phase}
 * alongside the other beans of its phase. A stopped node cannot be started again.
 */
final class NetxLifecycle implements SmartLifecycle {

    /**
     * Below the web server's phases ({@code DEFAULT_PHASE - 2048} and up): the node starts before the
     * server takes requests that publish sagas, and stops after it has drained them.
     */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(NetxLifecycle.class);

    private final Netx netx;
    private final boolean autoStartup;
    private final Duration phaseTimeout;

    /**
     * @param phaseTimeout the time Spring gives each shutdown phase
     */
    NetxLifecycle(Netx netx, boolean autoStartup, Duration phaseTimeout) {
        this.netx = netx;
        this.autoStartup = autoStartup;
        this.phaseTimeout = phaseTimeout;
    }

    @Override
    public void start() {
        Duration grace = netx.options().shutdownGrace();
        if (grace.compareTo(phaseTimeout) > 0) {
            log.warn("netx.shutdown-grace={} is longer than spring.lifecycle.timeout-per-shutdown-phase={}: handlers"
                    + " still running when the phase ends are left pending for other nodes", grace, phaseTimeout);
        }
        if (!netx.isRunning()) {
            netx.start();
        }
    }

    @Override
    public void stop() {
        netx.close();
    }

    @Override
    public void stop(Runnable callback) {
        Thread stopper = new Thread(() -> {
            try {
                netx.close();
            } finally {
                callback.run();
            }
        }, "netx-shutdown");
        stopper.start();
    }

    @Override
    public boolean isRunning() {
        return netx.isRunning();
    }

    @Override
    public boolean isAutoStartup() {
        return autoStartup;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
