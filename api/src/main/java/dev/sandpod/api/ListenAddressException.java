package dev.sandpod.api;

import dev.sandpod.core.SandpodException;

/** A {@code --listen} address the daemon won't serve on: not HOST:PORT, or not a loopback address. */
public final class ListenAddressException extends SandpodException {
    public ListenAddressException(String message, String hint) {
        super(message, hint);
    }
}
