package dev.sandpod.api;

import dev.sandpod.sandbox.BackOff;

import java.time.Duration;

/**
 * How a daemon serves.
 *
 * @param maxJsonBytes      largest JSON request body; past it, 413 before it is read
 * @param maxArchiveBytes   largest image archive {@code POST /v1/images/load} takes (streamed to disk, not memory)
 * @param stopGrace         how long a stop waits for requests in flight (a pull, say) before closing them
 * @param reconcileInterval the pause between two passes of the sandbox reconciler
 * @param backOff           the restart back-off of crashed containers (kubelet's 10 s to 5 min by default)
 */
public record DaemonOptions(long maxJsonBytes, long maxArchiveBytes, Duration stopGrace, Duration reconcileInterval,
                            BackOff backOff) {
    /** These limits, with the default reconcile interval (1 s) and kubelet's back-off. */
    public DaemonOptions(long maxJsonBytes, long maxArchiveBytes, Duration stopGrace) {
        this(maxJsonBytes, maxArchiveBytes, stopGrace, Duration.ofSeconds(1), BackOff.KUBELET);
    }

    public static DaemonOptions defaults() {
        return new DaemonOptions(1L << 20, 64L << 30, Duration.ofSeconds(10));
    }

    /** These options with another reconcile interval and back-off (tests use 100 ms and a short back-off). */
    public DaemonOptions withReconcile(Duration interval, BackOff restartBackOff) {
        return new DaemonOptions(maxJsonBytes, maxArchiveBytes, stopGrace, interval, restartBackOff);
    }
}
