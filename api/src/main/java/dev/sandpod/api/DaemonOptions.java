package dev.sandpod.api;

import java.time.Duration;

/**
 * How a daemon serves.
 *
 * @param maxJsonBytes    largest JSON request body; past it, 413 before it is read
 * @param maxArchiveBytes largest image archive {@code POST /v1/images/load} takes (streamed to disk, not memory)
 * @param stopGrace       how long a stop waits for requests in flight (a pull, say) before closing them
 */
public record DaemonOptions(long maxJsonBytes, long maxArchiveBytes, Duration stopGrace) {
    public static DaemonOptions defaults() {
        return new DaemonOptions(1L << 20, 64L << 30, Duration.ofSeconds(10));
    }
}
