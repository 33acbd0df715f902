package dev.sandpod.client;

import dev.sandpod.client.model.ApiError;

import java.util.Map;
import java.util.Optional;

/**
 * A call that failed: the daemon's JSON error (with its HTTP status), or a failure to talk to it at all
 * ({@link DaemonUnreachableException}, status 0). {@link #code()} is stable for programs;
 * {@link #getMessage()} and {@link #hint()} are for people.
 */
public class ApiException extends Exception {
    private final int status;
    private final ApiError error;

    public ApiException(int status, ApiError error) {
        this(status, error, null);
    }

    public ApiException(int status, ApiError error, Throwable cause) {
        super(error.message(), cause);
        this.status = status;
        this.error = error;
    }

    /** The HTTP status, or 0 when no response came. */
    public int status() {
        return status;
    }

    public String code() {
        return error.code();
    }

    public Optional<String> hint() {
        return Optional.ofNullable(error.hint());
    }

    public Map<String, Object> details() {
        return error.details();
    }

    public ApiError error() {
        return error;
    }

    @Override
    public String toString() {
        return "ApiException[" + status + " " + error.code() + ": " + getMessage() + "]";
    }
}
