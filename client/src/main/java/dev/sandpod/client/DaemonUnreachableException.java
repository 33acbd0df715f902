package dev.sandpod.client;

import dev.sandpod.client.http.DaemonAddress;
import dev.sandpod.client.model.ApiError;

import java.nio.file.Path;
import java.util.Map;

/** No daemon answered at its address (none running, or it died mid-call): code {@code DaemonUnreachable}. */
public class DaemonUnreachableException extends ApiException {
    public DaemonUnreachableException(Path socket, Throwable cause) {
        this(DaemonAddress.unix(socket), cause);
    }

    public DaemonUnreachableException(DaemonAddress address, Throwable cause) {
        super(0, new ApiError("DaemonUnreachable", "no sandpod daemon answers on " + address + " (" + cause.getMessage() + ")",
                hint(address), details(address)), cause);
    }

    protected DaemonUnreachableException(ApiError error, Throwable cause) {
        super(0, error, cause);
    }

    private static String hint(DaemonAddress address) {
        return switch (address) {
            case DaemonAddress.Unix unix -> "start one with `sandpod daemon`, or let the CLI start it";
            case DaemonAddress.Tcp tcp -> "start one with `sandpod daemon --listen " + tcp + "`";
        };
    }

    private static Map<String, Object> details(DaemonAddress address) {
        return switch (address) {
            case DaemonAddress.Unix unix -> Map.of("socket", unix.socket().toString());
            case DaemonAddress.Tcp tcp -> Map.of("address", tcp.toString());
        };
    }
}
