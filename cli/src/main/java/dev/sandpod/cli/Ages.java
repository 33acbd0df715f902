package dev.sandpod.cli;

import java.time.Duration;
import java.time.Instant;

/** Ages as kubectl prints them: 42s, 5m, 3h, 2d. */
final class Ages {
    private Ages() {
    }

    static String since(Instant then, Instant now) {
        Duration d = Duration.between(then, now);
        if (d.isNegative()) {
            d = Duration.ZERO;
        }
        if (d.toSeconds() < 120) {
            return d.toSeconds() + "s";
        }
        if (d.toMinutes() < 120) {
            return d.toMinutes() + "m";
        }
        if (d.toHours() < 48) {
            return d.toHours() + "h";
        }
        return d.toDays() + "d";
    }
}
