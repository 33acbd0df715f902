package dev.sandpod.sandbox;

import dev.sandpod.runtime.ContainerException;
import dev.sandpod.runtime.ContainerSpec;
import dev.sandpod.runtime.ContainerState;
import dev.sandpod.runtime.Containers;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code sandpod update}: changes the main container's memory, CPU and PIDs limits. A running container's cgroup
 * files are written directly through the runtime's {@link dev.sandpod.runtime.Cgroups}, never with
 * {@code runc update} and never touching the devices controller, so the container never loses /dev/null, not even
 * for a moment (background document 002's runc bug). The new limits are stored in the container's spec, so every
 * later instance (a restart) gets them, and describe shows them.
 */
final class SandboxUpdate {
    private final SandboxStore store;
    private final Containers containers;
    private final LiveState live;
    private final SandboxLocks locks;
    private final Clock clock;

    SandboxUpdate(SandboxStore store, Containers containers, LiveState live, SandboxLocks locks, Clock clock) {
        this.store = store;
        this.containers = containers;
        this.live = live;
        this.locks = locks;
        this.clock = clock;
    }

    /** Returns the main container's limits after the update (those not given keep their values). */
    ContainerSpec.Limits update(String name, LimitsUpdate changes) throws SandboxException {
        if (changes.isEmpty()) {
            throw new InvalidRequestException("limits", "no limit to change",
                    "give at least one of --memory, --cpus, --pids-limit");
        }
        ContainerSpec.Limits limits = LimitsParser.parse(changes.memory(), changes.cpus(), changes.pids());
        SandboxRow listed = store.get(name);
        try (SandboxLocks.Held held = locks.lock(listed.id())) {
            SandboxRow sandbox = store.get(listed.id());
            if (sandbox.desired() == SandboxRow.Desired.REMOVING) {
                throw new SandboxStateException("sandbox " + sandbox.name() + " is being removed",
                        "run `sandpod rm " + sandbox.name() + "` again to finish removing it", null);
            }
            ContainerRow main = SandboxDebug.main(sandbox, store.containers(sandbox.id()));
            // The cgroup first: if the kernel refuses (memory below what the container uses), nothing is recorded.
            Optional<ContainerState> state = main.instance() == 0 ? Optional.empty() : live.of(sandbox.name(), main.id());
            if (state.isPresent() && !state.get().exited()) {
                try {
                    containers.update(sandbox.id(), main.id(), limits);
                } catch (ContainerException e) {
                    throw new SandboxSetupException(sandbox.name(), "limits update", e);
                }
            }
            StoredSpec updated = main.spec().withLimits(limits);
            store.updateSpec(main.id(), updated);
            store.event(sandbox.id(), sandbox.name() + "/" + main.name(), "Updated",
                    "Updated limits of container " + main.name() + ": " + describe(limits), clock.instant());
            return updated.limits();
        }
    }

    private static String describe(ContainerSpec.Limits limits) {
        List<String> parts = new ArrayList<>();
        limits.memoryBytes().ifPresent(b -> parts.add("memory " + b + " bytes"));
        limits.cpuMillis().ifPresent(m -> parts.add("cpus " + m / 1000.0));
        limits.pids().ifPresent(p -> parts.add("pids " + p));
        return String.join(", ", parts);
    }
}
