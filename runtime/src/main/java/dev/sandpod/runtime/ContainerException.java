package dev.sandpod.runtime;

import dev.sandpod.core.SandpodException;

/** Every checked failure of the runtime module; each subclass names one failure class and carries its facts. */
public abstract sealed class ContainerException extends SandpodException
        permits BadSpecException, RuntimeMissingException, RuncFailedException, MountFailedException,
        ContainerNotFoundException, IllegalStateTransition, CgroupException {
    protected ContainerException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
