package dev.sandpod.api;

import dev.sandpod.core.SandpodException;

/** The daemon could not set up its lock or socket. */
public final class DaemonStartFailedException extends SandpodException {
    public DaemonStartFailedException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
