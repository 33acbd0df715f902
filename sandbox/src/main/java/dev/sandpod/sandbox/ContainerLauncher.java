package dev.sandpod.sandbox;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.runtime.ContainerException;
import dev.sandpod.runtime.ContainerSpec;
import dev.sandpod.runtime.Containers;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Starts a container's next instance: the first by create, later ones by recreate on the same upper dir (so the
 * writable layer survives). Intent-logged; the start is recorded with the new instance number in the same
 * transaction that finishes the intent.
 */
final class ContainerLauncher {
    private final Containers containers;
    private final ImageService images;
    private final SandboxStore store;
    private final IntentLog intents;

    ContainerLauncher(Containers containers, ImageService images, SandboxStore store, IntentLog intents) {
        this.containers = containers;
        this.images = images;
        this.store = store;
        this.intents = intents;
    }

    /** Creates (or recreates) and starts instance {@code row.instance() + 1}; on failure nothing new is left running. */
    void launch(SandboxRow sandbox, ContainerRow row, ServiceRow pod, Instant now) throws SandboxException {
        launch(sandbox, row, pod, Optional.empty(), now);
    }

    /** As {@link #launch(SandboxRow, ContainerRow, ServiceRow, Instant)}, joining {@code pidNamespace} if given. */
    void launch(SandboxRow sandbox, ContainerRow row, ServiceRow pod, Optional<Path> pidNamespace, Instant now)
            throws SandboxException {
        int next = row.instance() + 1;
        boolean first = row.instance() == 0;
        ImageRecord image;
        try {
            image = images.resolve(row.imageDigest());
        } catch (SandpodException e) {
            throw new SandboxSetupException(sandbox.name(), "image lookup", e);
        }
        ContainerSpec podSpec = row.spec().toContainerSpec(pod);
        ContainerSpec spec = pidNamespace.map(podSpec::withPidNamespace).orElse(podSpec);
        long intent = intents.begin(first ? IntentLog.CONTAINER_CREATE : IntentLog.CONTAINER_RECREATE, sandbox.id(),
                Map.of("container", row.id(), "instance", Integer.toString(next)));
        try {
            if (first) {
                containers.create(sandbox.id(), row.id(), image, spec);
            } else {
                containers.recreate(sandbox.id(), row.id(), image, spec);
            }
            CrashPoint.reach("afterContainerCreate");
            containers.start(row.id());
            CrashPoint.reach("afterStart");
        } catch (ContainerException | RuntimeException e) {
            SandboxSetupException failure = new SandboxSetupException(sandbox.name(),
                    first ? "container create" : "container restart", e);
            if (first) {
                try {
                    containers.delete(sandbox.id(), row.id(), true);
                } catch (ContainerException cleanup) {
                    failure.addSuppressed(cleanup);
                }
            }
            // a failed recreate keeps the upper dir (the user's files); the next attempt recreates over it
            intents.finish(intent);
            throw failure;
        }
        store.recordStarted(row.id(), next, now, Optional.of(intent), intents);
        store.event(sandbox.id(), sandbox.name() + "/" + row.name(), "Created",
                "Created container " + row.name() + " (instance " + next + ")", now);
        store.event(sandbox.id(), sandbox.name() + "/" + row.name(), "Started",
                "Started container " + row.name() + " (instance " + next + ")", now);
    }
}
