package dev.sandpod.net;

import dev.sandpod.core.SandpodException;

/** A pod network could not be made, inspected or removed. Each subclass names the part that failed. */
public abstract sealed class NetworkException extends SandpodException
        permits AllocationFileException, NetnsException, NetworkSetupException, NetworkTeardownException, SubnetPoolExhaustedException {
    protected NetworkException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
