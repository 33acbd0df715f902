package dev.sandpod.sandbox;

import dev.sandpod.core.FileTrees;
import dev.sandpod.runtime.ContainerException;
import dev.sandpod.runtime.ContainerNotFoundException;
import dev.sandpod.runtime.ContainerState;
import dev.sandpod.runtime.ContainerStatus;
import dev.sandpod.runtime.Containers;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * Removes a sandbox and everything it made, in reverse order of making: containers (process, mounts, upper dirs,
 * cgroups, runc state, conmon files), pod files and networks (pins, veths, bridge, leases, allocation), the
 * sandbox directory, then its rows, events and image use. The desired state is set to REMOVING first, so a crash
 * mid-way is finished by the next reconcile pass. Every step runs even if an earlier one failed.
 */
final class SandboxRemove {
    private final RootLayout layout;
    private final Containers containers;
    private final PodSetup pods;
    private final SandboxStore store;
    private final Clock clock;

    SandboxRemove(RootLayout layout, Containers containers, PodSetup pods, SandboxStore store, Clock clock) {
        this.layout = layout;
        this.containers = containers;
        this.pods = pods;
        this.store = store;
        this.clock = clock;
    }

    void remove(SandboxRow sandbox, boolean force) throws SandboxException {
        if (!force) {
            for (ContainerRow row : store.containers(sandbox.id())) {
                if (running(row.id())) {
                    throw new SandboxStateException("sandbox " + sandbox.name() + " is running (container " + row.name() + ")",
                            "stop it first (`sandpod stop " + sandbox.name() + "`) or remove it with --force", null);
                }
            }
        }
        finish(sandbox);
    }

    /** Removes everything of the sandbox, killing its containers; safe to repeat after a crash. */
    void finish(SandboxRow sandbox) throws SandboxException {
        store.setDesired(sandbox.id(), SandboxRow.Desired.REMOVING);
        SandboxException first = null;
        for (ContainerRow row : store.containers(sandbox.id())) {
            try {
                if (running(row.id())) {
                    store.event(sandbox.id(), sandbox.name() + "/" + row.name(), "Killing",
                            "Killing container " + row.name() + " to remove the sandbox", clock.instant());
                    containers.stop(row.id(), Duration.ZERO);
                }
                containers.delete(sandbox.id(), row.id(), true);
            } catch (ContainerException e) {
                first = keep(first, new SandboxSetupException(sandbox.name(), "container removal", e));
            }
        }
        CrashPoint.reach("midRemove");
        for (ServiceRow svc : store.services(sandbox.id())) {
            try {
                pods.tearDown(sandbox.id(), svc.name());
            } catch (SandboxException e) {
                first = keep(first, e);
            }
        }
        try {
            FileTrees.deleteTree(layout.sandboxesDir().resolve(sandbox.id()));
        } catch (IOException e) {
            first = keep(first, new SandboxSetupException(sandbox.name(), "sandbox directory removal", e));
        }
        if (first != null) {
            // rows stay (desired REMOVING) so that the next pass, or doctor, can find what is left
            throw first;
        }
        store.delete(sandbox);
    }

    private boolean running(String containerId) throws SandboxException {
        try {
            ContainerState state = containers.state(containerId);
            return state.status() == ContainerStatus.RUNNING || state.status() == ContainerStatus.PAUSED;
        } catch (ContainerNotFoundException gone) {
            return false;
        } catch (ContainerException e) {
            throw new SandboxSetupException(containerId, "container state", e);
        }
    }

    private static SandboxException keep(SandboxException first, SandboxException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
