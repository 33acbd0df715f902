package dev.sandpod.api.sandboxes;

import dev.sandpod.api.http.ApiProblem;
import dev.sandpod.api.http.Exchange;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/** Typed query parameters of the sandbox routes; a bad value is a 400 naming the parameter. */
final class QueryParams {
    private QueryParams() {
    }

    static int nonNegativeInt(Exchange exchange, String name, int absent) throws ApiProblem {
        Optional<String> value = exchange.query(name);
        if (value.isEmpty()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "must be a whole number >= 0, not '" + value.get() + "'");
    }

    /** An ISO-8601 instant, or an age before {@code now} like 30s, 10m, 2h. */
    static Optional<Instant> since(Exchange exchange, Instant now) throws ApiProblem {
        Optional<String> value = exchange.query("since");
        if (value.isEmpty() || value.get().isEmpty()) {
            return Optional.empty();
        }
        String text = value.get();
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException notInstant) {
            try {
                return Optional.of(now.minus(Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT))));
            } catch (DateTimeParseException notAge) {
                throw invalid("since", "'" + text + "' is neither an ISO-8601 time nor an age like 10m");
            }
        }
    }

    private static ApiProblem invalid(String name, String message) {
        return ApiProblem.badRequest("InvalidParameter", "query parameter '" + name + "' " + message, null,
                Map.of("parameter", name));
    }
}
