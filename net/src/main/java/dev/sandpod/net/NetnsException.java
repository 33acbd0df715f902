package dev.sandpod.net;

import java.nio.file.Path;

/** A network namespace pin could not be created, entered or removed. */
public final class NetnsException extends NetworkException {
    private final Path pin;

    public NetnsException(Path pin, String message, String hint, Throwable cause) {
        super(message, hint, cause);
        this.pin = pin;
    }

    /** The pin file the failure is about. */
    public Path pin() {
        return pin;
    }
}
