package dev.sandpod.client;

import dev.sandpod.client.model.ApiError;

import java.util.Map;

/** A daemon started in the background did not come up; the message quotes the end of its log. */
public final class DaemonStartException extends DaemonUnreachableException {
    public DaemonStartException(String message, String logFile, String logTail) {
        super(new ApiError("DaemonStartFailed", message + (logTail.isBlank() ? "" : "; the end of " + logFile + ":\n" + logTail),
                "fix what the log says, or run `sandpod daemon` in the foreground to see it start",
                Map.of("log", logFile)), null);
    }
}
