package dev.sandpod.sandbox;

import java.time.Duration;

/**
 * kubelet's restart back-off: the n-th restart waits {@code base * 2^n}, at most {@code cap} (10 s doubling to
 * 5 min by default; tests use ~100 ms).
 */
public record BackOff(Duration base, Duration cap) {
    public static final BackOff KUBELET = new BackOff(Duration.ofSeconds(10), Duration.ofMinutes(5));

    public BackOff {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("back-off needs 0 < base <= cap, not " + base + " and " + cap);
        }
    }

    /** The wait before the restart that follows {@code restartCount} earlier restarts. */
    public Duration delay(int restartCount) {
        Duration d = base;
        for (int i = 0; i < restartCount && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
