package dev.sandpod.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as the CLI takes them: 500ms, 30s, 5m, 1h, 1.5s; a bare number is seconds. */
final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

    private Durations() {
    }

    static double seconds(String option, String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException(option + " takes a duration like 500ms, 30s, 5m or 1h, not '" + text + "'");
        }
        double value = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double seconds = switch (unit) {
            case "ms" -> value / 1000;
            case "m" -> value * 60;
            case "h" -> value * 3600;
            default -> value;
        };
        if (seconds <= 0) {
            throw new UsageException(option + " must be more than zero, not '" + text + "'");
        }
        return seconds;
    }

    static String format(Double seconds) {
        if (seconds == null) {
            return "?";
        }
        return seconds < 1 ? Math.round(seconds * 1000) + "ms" : (seconds == Math.floor(seconds) ? String.valueOf(seconds.longValue()) : String.valueOf(seconds)) + "s";
    }
}
