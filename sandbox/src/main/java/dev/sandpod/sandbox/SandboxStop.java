package dev.sandpod.sandbox;

import dev.sandpod.runtime.ContainerException;
import dev.sandpod.runtime.ContainerNotFoundException;
import dev.sandpod.runtime.ContainerState;
import dev.sandpod.runtime.Containers;

import java.time.Clock;
import java.time.Duration;

/**
 * Stops a sandbox: desired state STOPPED first (so the reconciler restarts nothing), then each running container
 * gets SIGTERM and, after the grace, SIGKILL. Containers stay (with their writable layers) until remove.
 */
final class SandboxStop {
    private final Containers containers;
    private final SandboxStore store;
    private final Clock clock;

    SandboxStop(Containers containers, SandboxStore store, Clock clock) {
        this.containers = containers;
        this.store = store;
        this.clock = clock;
    }

    void stop(SandboxRow sandbox, Duration grace) throws SandboxException {
        if (sandbox.desired() == SandboxRow.Desired.REMOVING) {
            throw new SandboxStateException("sandbox " + sandbox.name() + " is being removed",
                    "run `sandpod rm " + sandbox.name() + "` again to finish removing it", null);
        }
        store.setDesired(sandbox.id(), SandboxRow.Desired.STOPPED);
        for (ContainerRow row : store.containers(sandbox.id())) {
            try {
                ContainerState state = containers.state(row.id());
                if (state.exited()) {
                    continue;
                }
                store.event(sandbox.id(), sandbox.name() + "/" + row.name(), "Killing",
                        "Stopping container " + row.name() + " (grace " + grace.toMillis() + " ms)", clock.instant());
                ContainerState after = containers.stop(row.id(), grace);
                store.recordExit(row.id(), after.reason().orElse("Error"), after.exitCode(),
                        after.finishedAt().orElse(clock.instant()));
            } catch (ContainerNotFoundException gone) {
                // never created, or already deleted: nothing to stop
            } catch (ContainerException e) {
                throw new SandboxSetupException(sandbox.name(), "container stop", e);
            }
        }
    }
}
