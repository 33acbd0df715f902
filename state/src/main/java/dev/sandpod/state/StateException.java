package dev.sandpod.state;

import dev.sandpod.core.SandpodException;

/** The state root or its database can't be used. */
public final class StateException extends SandpodException {
    public StateException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
