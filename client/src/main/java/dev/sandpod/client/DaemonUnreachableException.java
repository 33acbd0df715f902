package dev.sandpod.client;

import dev.sandpod.client.model.ApiError;

import java.nio.file.Path;
import java.util.Map;

/** No daemon answered on the socket (none running, or it died mid-call): code {@code DaemonUnreachable}. */
public class DaemonUnreachableException extends ApiException {
    public DaemonUnreachableException(Path socket, Throwable cause) {
        super(0, new ApiError("DaemonUnreachable", "no sandpod daemon answers on " + socket + " (" + cause.getMessage() + ")",
                "start one with `sandpod daemon`, or let the CLI start it", Map.of("socket", socket.toString())), cause);
    }

    protected DaemonUnreachableException(ApiError error, Throwable cause) {
        super(0, error, cause);
    }
}
