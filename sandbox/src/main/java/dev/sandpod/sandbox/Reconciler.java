package dev.sandpod.sandbox;

import dev.sandpod.runtime.ContainerState;
import dev.sandpod.runtime.ContainerStatus;
import dev.sandpod.runtime.Containers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The level-triggered controller pass: for each sandbox, compares the desired state with what runc and conmon
 * report now and acts. Finishes removals; for a running sandbox, makes a missing pod network, creates a container
 * never created, starts one left created, and restarts exited containers per their policy with exponential
 * back-off (CrashLoopBackOff while waiting). The daemon calls {@link #reconcileOnce} on a timer; a failure in one
 * sandbox is reported and does not stop the others.
 */
public final class Reconciler {
    private final SandboxStore store;
    private final PodSetup pods;
    private final ContainerLauncher launcher;
    private final SandboxRemove remove;
    private final Containers containers;
    private final LiveState live;
    private final SandboxLocks locks;
    private final BackOff backOff;
    private final IntentLog intents;
    /** Finished intents are kept this long for the curious, then pruned (a crash loop logs one per restart). */
    private static final Duration KEEP_FINISHED_INTENTS = Duration.ofHours(1);

    Reconciler(IntentLog intents, SandboxStore store, PodSetup pods, ContainerLauncher launcher, SandboxRemove remove, Containers containers,
               LiveState live, SandboxLocks locks, BackOff backOff) {
        this.store = store;
        this.pods = pods;
        this.launcher = launcher;
        this.remove = remove;
        this.containers = containers;
        this.live = live;
        this.locks = locks;
        this.backOff = backOff;
        this.intents = intents;
    }

    /** One pass over every sandbox; returns the failures of this pass (empty when all went well). */
    public List<SandboxException> reconcileOnce(Instant now) throws SandboxException {
        List<SandboxException> failures = new ArrayList<>();
        for (SandboxRow listed : store.sandboxes()) {
            try (SandboxLocks.Held held = locks.lock(listed.id())) {
                // re-read under the lock: run, stop or remove may have changed it meanwhile
                Optional<SandboxRow> sandbox = store.find(listed.id());
                if (sandbox.isPresent()) {
                    reconcile(sandbox.get(), now);
                }
            } catch (SandboxException e) {
                failures.add(e);
            }
        }
        try {
            intents.pruneFinished(now.minus(KEEP_FINISHED_INTENTS));
        } catch (SandboxException e) {
            failures.add(e);
        }
        return failures;
    }

    private void reconcile(SandboxRow sandbox, Instant now) throws SandboxException {
        switch (sandbox.desired()) {
            case REMOVING -> remove.finish(sandbox);
            case STOPPED -> recordExits(sandbox, now);
            case RUNNING -> {
                for (ServiceRow svc : store.services(sandbox.id())) {
                    ServiceRow pod = pods.ensure(svc);
                    for (ContainerRow row : store.containers(sandbox.id())) {
                        if (row.service().equals(svc.name())) {
                            reconcileContainer(sandbox, row, pod, now);
                        }
                    }
                }
            }
        }
    }

    private void recordExits(SandboxRow sandbox, Instant now) throws SandboxException {
        for (ContainerRow row : store.containers(sandbox.id())) {
            Optional<ContainerState> state = live.of(sandbox.name(), row.id());
            if (state.isPresent() && state.get().exited() && row.finishedAt().isEmpty() && row.instance() > 0) {
                noteExit(sandbox, row, state.get(), now);
            }
        }
    }

    private void reconcileContainer(SandboxRow sandbox, ContainerRow row, ServiceRow pod, Instant now)
            throws SandboxException {
        if (row.kind().equals(SandboxDebug.KIND)) {
            reconcileDebug(sandbox, row, now);
            return;
        }
        if (row.instance() == 0) {
            launcher.launch(sandbox, row, pod, now);
            return;
        }
        Optional<ContainerState> state = live.of(sandbox.name(), row.id());
        if (state.isPresent() && state.get().status() == ContainerStatus.CREATED) {
            // created by a pass that crashed before start: start it now
            try {
                containers.start(row.id());
            } catch (dev.sandpod.runtime.ContainerException e) {
                throw new SandboxSetupException(sandbox.name(), "container start", e);
            }
            // left created by a restart (the row holds the exit of its instance): it is the next instance
            int instance = row.finishedAt().isPresent() ? row.instance() + 1 : row.instance();
            store.recordStarted(row.id(), instance, now, Optional.empty(), null);
            return;
        }
        if (state.isPresent() && !state.get().exited()) {
            return;
        }
        ContainerRow current = row;
        if (row.finishedAt().isEmpty()) {
            current = state.isPresent() ? noteExit(sandbox, row, state.get(), now) : noteGone(sandbox, row, now);
        }
        int exitCode = current.lastExitCode().orElse(-1);
        boolean oom = "OOMKilled".equals(current.lastReason().orElse(""));
        if (!current.restartPolicy().restarts(exitCode, oom)) {
            return;
        }
        if (current.nextRestartAt().isEmpty()) {
            Duration delay = backOff.delay(current.restartCount());
            Instant at = now.plus(delay);
            store.scheduleRestart(row.id(), at);
            store.event(sandbox.id(), object(sandbox, row), "BackOff", "Back-off " + delay.toMillis()
                    + " ms restarting failed container " + row.name() + " (exit " + exitCode + ")", now);
            return;
        }
        if (now.isBefore(current.nextRestartAt().get())) {
            return;
        }
        try {
            launcher.launch(sandbox, current, pod, now);
        } catch (SandboxSetupException e) {
            store.event(sandbox.id(), object(sandbox, row), "Failed", e.getMessage(), now);
            store.scheduleRestart(row.id(), now.plus(backOff.delay(current.restartCount() + 1)));
            throw e;
        }
    }

    /**
     * A debug container is never started by the reconciler, never restarted: its exit is recorded, nothing more.
     * One never started (a debug call that crashed before its container ran; recovery deleted what was made) is
     * forgotten: the PID namespace it was to join may be gone, and nobody waits for it any more. One found running
     * without a record (its intent's recovery failed) is adopted, never killed.
     */
    private void reconcileDebug(SandboxRow sandbox, ContainerRow row, Instant now) throws SandboxException {
        if (row.instance() == 0) {
            Optional<ContainerState> state = live.of(sandbox.name(), row.id());
            if (state.isPresent() && state.get().status() == ContainerStatus.RUNNING) {
                store.recordStarted(row.id(), 1, now, Optional.empty(), null);
                return;
            }
            try {
                containers.delete(sandbox.id(), row.id(), true);
            } catch (dev.sandpod.runtime.ContainerException e) {
                throw new SandboxSetupException(sandbox.name(), "removal of a debug container never started", e);
            }
            store.deleteContainer(row);
            return;
        }
        if (row.finishedAt().isPresent()) {
            return;
        }
        Optional<ContainerState> state = live.of(sandbox.name(), row.id());
        if (state.isEmpty()) {
            noteGone(sandbox, row, now);
        } else if (state.get().exited()) {
            noteExit(sandbox, row, state.get(), now);
        }
    }

    /** Records an exit seen for the first time (with an OOMKilled event when the cgroup says so). */
    private ContainerRow noteExit(SandboxRow sandbox, ContainerRow row, ContainerState state, Instant now)
            throws SandboxException {
        String reason = state.reason().orElse("Error");
        Instant finished = state.finishedAt().orElse(now);
        store.recordExit(row.id(), reason, state.exitCode(), finished);
        if (state.oomKilled()) {
            store.event(sandbox.id(), object(sandbox, row), "OOMKilled", "Container " + row.name()
                    + " was killed by the kernel's OOM killer (memory limit "
                    + row.spec().limits().memoryBytes().orElse(-1) + " bytes)", now);
        }
        return store.container(row.id()).orElseThrow();
    }

    /** The runtime lost the container (a crash between delete and create of a restart): count it as an error exit. */
    private ContainerRow noteGone(SandboxRow sandbox, ContainerRow row, Instant now) throws SandboxException {
        store.recordExit(row.id(), "Unknown", OptionalInt.empty(), now);
        store.event(sandbox.id(), object(sandbox, row), "Failed", "Container " + row.name()
                + " is gone from the runtime", now);
        return store.container(row.id()).orElseThrow();
    }

    private static String object(SandboxRow sandbox, ContainerRow row) {
        return sandbox.name() + "/" + row.name();
    }
}
