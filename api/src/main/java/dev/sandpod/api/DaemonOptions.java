package dev.sandpod.api;

import dev.sandpod.sandbox.BackOff;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * How a daemon serves.
 *
 * @param maxJsonBytes      largest JSON request body; past it, 413 before it is read
 * @param maxArchiveBytes   largest image archive {@code POST /v1/images/load} takes (streamed to disk, not memory)
 * @param stopGrace         how long a stop waits for requests in flight (a pull, say) before closing them
 * @param reconcileInterval the pause between two passes of the sandbox reconciler
 * @param backOff           the restart back-off of crashed containers (kubelet's 10 s to 5 min by default)
 * @param listen            a loopback address to serve the API on over TCP too, with the root's bearer token
 */
public record DaemonOptions(long maxJsonBytes, long maxArchiveBytes, Duration stopGrace, Duration reconcileInterval,
                            BackOff backOff, Optional<InetSocketAddress> listen) {
    /** These limits, with the default reconcile interval (1 s), kubelet's back-off and the unix socket only. */
    public DaemonOptions(long maxJsonBytes, long maxArchiveBytes, Duration stopGrace) {
        this(maxJsonBytes, maxArchiveBytes, stopGrace, Duration.ofSeconds(1), BackOff.KUBELET, Optional.empty());
    }

    public static DaemonOptions defaults() {
        return new DaemonOptions(1L << 20, 64L << 30, Duration.ofSeconds(10));
    }

    /** These options with another reconcile interval and back-off (tests use 100 ms and a short back-off). */
    public DaemonOptions withReconcile(Duration interval, BackOff restartBackOff) {
        return new DaemonOptions(maxJsonBytes, maxArchiveBytes, stopGrace, interval, restartBackOff, listen);
    }

    /** These options, also serving on {@code address} over TCP (loopback only; see {@link LoopbackAddress}). */
    public DaemonOptions withListen(InetSocketAddress address) {
        return new DaemonOptions(maxJsonBytes, maxArchiveBytes, stopGrace, reconcileInterval, backOff, Optional.of(address));
    }
}
