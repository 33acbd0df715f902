package dev.sandpod.client.model;

import java.util.Map;

/**
 * Every failure the API reports, as JSON {@code {"code","message","hint","details"}}.
 *
 * @param code    a stable name such as {@code ImageNotFound} or {@code UnknownField}, for programs
 * @param message what went wrong, in one sentence, for people
 * @param hint    what to do about it, or null when sandpod doesn't know
 * @param details structured facts (for example {@code field} for a bad request field); never null
 */
public record ApiError(String code, String message, String hint, Map<String, Object> details) {
    public ApiError {
        details = details == null ? Map.of() : Map.copyOf(details);
    }
}
