package dev.sandpod.sandbox;

import dev.sandpod.runtime.ContainerException;
import dev.sandpod.runtime.ContainerNotFoundException;
import dev.sandpod.runtime.ContainerState;
import dev.sandpod.runtime.Containers;

import java.util.Optional;

/** Reads a container's state from runc and conmon's exit file at the moment of the call; never cached. */
final class LiveState {
    private final Containers containers;

    LiveState(Containers containers) {
        this.containers = containers;
    }

    /** Empty when the runtime has no such container (never created, deleted, or half-gone after a crash). */
    Optional<ContainerState> of(String sandbox, String containerId) throws SandboxException {
        try {
            return Optional.of(containers.state(containerId));
        } catch (ContainerNotFoundException e) {
            return Optional.empty();
        } catch (ContainerException e) {
            throw new SandboxSetupException(sandbox, "container state", e);
        }
    }
}
