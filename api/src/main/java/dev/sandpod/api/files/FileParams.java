package dev.sandpod.api.files;

import dev.sandpod.api.http.ApiProblem;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.runtime.files.ContainerFiles;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The query parameters of the file routes; a missing or malformed one is a 400 naming it. */
final class FileParams {
    private static final Pattern OCTAL_MODE = Pattern.compile("0?[0-7]{1,4}");

    private FileParams() {
    }

    /** {@code path}: required, a path in the container. */
    static String path(Exchange exchange) throws ApiProblem {
        Optional<String> path = exchange.query("path");
        if (path.isEmpty() || path.get().isEmpty()) {
            throw ApiProblem.badRequest("MissingParameter", "the request has no query parameter 'path'",
                    "add ?path=/path/in/the/container", Map.of("parameter", "path"));
        }
        return path.get();
    }

    /** {@code container}: a container of the sandbox by name or id; absent: the main one. */
    static Optional<String> container(Exchange exchange) {
        return exchange.query("container").filter(c -> !c.isEmpty());
    }

    /** {@code owner}: user[:group], by name or id. */
    static Optional<String> owner(Exchange exchange) {
        return exchange.query("owner");
    }

    /** {@code maxBytes}: the largest file the call accepts; 1 GiB when absent. */
    static long maxBytes(Exchange exchange) throws ApiProblem {
        Optional<String> value = exchange.query("maxBytes");
        if (value.isEmpty()) {
            return ContainerFiles.DEFAULT_MAX_BYTES;
        }
        try {
            long n = Long.parseLong(value.get());
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("maxBytes", "must be a whole number of bytes >= 0, not '" + value.get() + "'");
    }

    /** {@code mode}: permission bits in octal (644, 0644, 4755). */
    static Optional<Integer> mode(Exchange exchange) throws ApiProblem {
        Optional<String> value = exchange.query("mode");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!OCTAL_MODE.matcher(value.get()).matches()) {
            throw invalid("mode", "must be permission bits in octal such as 644 or 0755, not '" + value.get() + "'");
        }
        return Optional.of(Integer.parseInt(value.get(), 8));
    }

    private static ApiProblem invalid(String name, String message) {
        return ApiProblem.badRequest("InvalidParameter", "query parameter '" + name + "' " + message, null,
                Map.of("parameter", name));
    }
}
