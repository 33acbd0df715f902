package dev.sandpod.sandbox;

import dev.sandpod.core.SandpodException;

/** Every checked failure of the sandbox controller; each subclass names one failure class and carries its facts. */
public abstract sealed class SandboxException extends SandpodException
        permits SandboxNotFoundException, NameInUseException, InvalidRequestException, ImagePullException,
        SandboxSetupException, SandboxStateException, SandboxContainerNotFoundException,
        DebugTargetNotRunningException, ContainerNotRunningException, ContainerRestartedException {
    protected SandboxException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
