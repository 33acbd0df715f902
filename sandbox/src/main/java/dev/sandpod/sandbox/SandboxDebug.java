package dev.sandpod.sandbox;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.runtime.ContainerException;
import dev.sandpod.runtime.ContainerState;
import dev.sandpod.runtime.ContainerStatus;
import dev.sandpod.runtime.Containers;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code sandpod debug}: an ephemeral container in a running pod, unlike Kubernetes' ephemeral containers
 * (background document 003) limited, stoppable and removable. It joins the pod's network namespace and its
 * target's PID namespace (so the target's files are under {@code /proc/<pid>/root}), and has its own cgroup with
 * its own limits, its own log and writable layer. Its row has kind {@code debug} and restart policy never: the
 * reconciler records its exit and never starts it again; it never touches the main container.
 */
final class SandboxDebug {
    static final String KIND = "debug";
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** Debugging tools (strace, gdb, reading another process's memory maps) need it; Kubernetes' general profile adds it too. */
    private static final Set<String> CAP_ADD = Set.of("SYS_PTRACE");

    private final ImageService images;
    private final SandboxStore store;
    private final SandboxRun run;
    private final ContainerLauncher launcher;
    private final Containers containers;
    private final LiveState live;
    private final SandboxLocks locks;
    private final Clock clock;

    SandboxDebug(ImageService images, SandboxStore store, SandboxRun run, ContainerLauncher launcher,
                 Containers containers, LiveState live, SandboxLocks locks, Clock clock) {
        this.images = images;
        this.store = store;
        this.run = run;
        this.launcher = launcher;
        this.containers = containers;
        this.live = live;
        this.locks = locks;
        this.clock = clock;
    }

    DebugResult debug(DebugRequest request) throws SandboxException {
        List<String> args = request.args().isEmpty() ? DebugRequest.DEFAULT_ARGS : request.args();
        RunRequest asRun = RunRequest.builder(request.image().orElse("debug")).args(args)
                .capabilities(CAP_ADD, Set.of()).restart("never").build();
        asRun = withLimits(asRun, request);
        // everything the request says is checked before anything is looked up or pulled
        LimitsParser.parse(request.memory(), request.cpus(), request.pids());
        if (request.name().isPresent() && !NAME.matcher(request.name().get()).matches()) {
            throw new InvalidRequestException("name", "'" + request.name().get() + "' is not a valid container name",
                    "use lowercase letters, digits and '-', at most 63, starting and ending with a letter or digit");
        }
        SandboxRow listed = store.get(request.sandbox());
        try (SandboxLocks.Held held = locks.lock(listed.id())) {
            SandboxRow sandbox = store.get(listed.id());
            if (sandbox.desired() != SandboxRow.Desired.RUNNING) {
                throw new SandboxStateException("sandbox " + sandbox.name() + " is "
                        + sandbox.desired().name().toLowerCase(java.util.Locale.ROOT) + ", not running",
                        "a debug container joins a running pod: run the sandbox again first", null);
            }
            List<ContainerRow> rows = store.containers(sandbox.id());
            ContainerRow main = main(sandbox, rows);
            ContainerRow target = request.target().isPresent() ? find(sandbox, rows, request.target().get()) : main;
            if (target.spec().runtimeClass() == dev.sandpod.runtime.RuntimeClass.RUNSC) {
                // a runsc container's processes live in gVisor's own kernel: joining the PID namespace of its host
                // process would show the host's processes instead, never the container's
                throw new InvalidRequestException("target", "container " + target.name() + " of sandbox "
                        + sandbox.name() + " runs under runsc (gVisor); a debug container can't join its processes",
                        "use `sandpod exec " + sandbox.name() + " -- sh` to look inside it");
            }
            String name = request.name().orElse("debug-" + SandboxRun.newId().substring(0, 6));
            if (rows.stream().anyMatch(r -> r.name().equals(name))) {
                throw new InvalidRequestException("name", "sandbox " + sandbox.name() + " already has a container "
                        + name, "pick another name, or remove that debug container first");
            }
            ServiceRow pod = store.service(sandbox.id(), target.service()).filter(ServiceRow::networked)
                    .orElseThrow(() -> new DebugTargetNotRunningException(sandbox.name(), target.name(), "its pod has no network yet"));
            ContainerState targetState = live.of(sandbox.name(), target.id())
                    .orElseThrow(() -> new DebugTargetNotRunningException(sandbox.name(), target.name(), "not created"));
            if (targetState.status() != ContainerStatus.RUNNING || targetState.pid() <= 0) {
                throw new DebugTargetNotRunningException(sandbox.name(), target.name(),
                        targetState.status().name().toLowerCase(java.util.Locale.ROOT));
            }
            String imageRef = request.image().orElse(main.imageRef());
            ImageRecord image = request.image().isPresent() ? run.obtain(imageRef, sandbox.name()) : byDigest(sandbox, main);
            StoredSpec spec = run.spec(asRun, imageRef, image, sandbox.name());
            ContainerRow row = new ContainerRow(SandboxRun.newId(), sandbox.id(), target.service(), name, KIND, imageRef,
                    image.manifestDigest().toString(), spec, RestartPolicy.NEVER, 0, 0, Optional.empty(),
                    Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), Optional.empty());
            store.insertContainer(row);
            try {
                launcher.launch(sandbox, row, pod, Optional.of(pidNamespace(targetState.pid())), clock.instant());
            } catch (SandboxException | RuntimeException e) {
                // the launcher deleted what it made of the container; its row goes too
                try {
                    store.deleteContainer(row);
                } catch (SandboxException cleanup) {
                    e.addSuppressed(cleanup);
                }
                store.event(sandbox.id(), sandbox.name() + "/" + name, "Failed",
                        "Failed to start debug container " + name + ": " + e.getMessage(), clock.instant());
                throw e;
            }
            return new DebugResult(sandbox.name(), row.id(), name, target.name(), targetState.pid());
        }
    }

    /** SIGTERM, then SIGKILL after {@code grace}; the container and its files stay until removed. */
    void stop(String sandboxName, String container, Duration grace) throws SandboxException {
        SandboxRow listed = store.get(sandboxName);
        try (SandboxLocks.Held held = locks.lock(listed.id())) {
            SandboxRow sandbox = store.get(listed.id());
            ContainerRow row = debugRow(sandbox, container);
            stopIfRunning(sandbox, row, grace);
        }
    }

    /** Removes the debug container (process, mounts, upper dir, cgroup, log) and its row; a running one needs force. */
    void remove(String sandboxName, String container, boolean force) throws SandboxException {
        SandboxRow listed = store.get(sandboxName);
        try (SandboxLocks.Held held = locks.lock(listed.id())) {
            SandboxRow sandbox = store.get(listed.id());
            ContainerRow row = debugRow(sandbox, container);
            Optional<ContainerState> state = live.of(sandbox.name(), row.id());
            if (!force && state.isPresent() && !state.get().exited()) {
                throw new SandboxStateException("debug container " + row.name() + " of sandbox " + sandbox.name()
                        + " is running", "stop it first, or remove it with force (--force)", null);
            }
            stopIfRunning(sandbox, row, Duration.ZERO);
            try {
                containers.delete(sandbox.id(), row.id(), true);
            } catch (ContainerException e) {
                throw new SandboxSetupException(sandbox.name(), "debug container removal", e);
            }
            store.deleteContainer(row);
            store.event(sandbox.id(), sandbox.name() + "/" + row.name(), "Removed",
                    "Removed debug container " + row.name(), clock.instant());
        }
    }

    private void stopIfRunning(SandboxRow sandbox, ContainerRow row, Duration grace) throws SandboxException {
        Optional<ContainerState> state = live.of(sandbox.name(), row.id());
        if (state.isEmpty() || state.get().exited()) {
            return;
        }
        store.event(sandbox.id(), sandbox.name() + "/" + row.name(), "Killing",
                "Stopping debug container " + row.name() + " (grace " + grace.toMillis() + " ms)", clock.instant());
        try {
            ContainerState after = containers.stop(row.id(), grace);
            store.recordExit(row.id(), after.reason().orElse("Error"), after.exitCode(),
                    after.finishedAt().orElse(clock.instant()));
        } catch (ContainerException e) {
            throw new SandboxSetupException(sandbox.name(), "debug container stop", e);
        }
    }

    private ImageRecord byDigest(SandboxRow sandbox, ContainerRow main) throws SandboxException {
        try {
            return images.resolve(main.imageDigest());
        } catch (SandpodException e) {
            throw new SandboxSetupException(sandbox.name(), "image lookup", e);
        }
    }

    private ContainerRow debugRow(SandboxRow sandbox, String container) throws SandboxException {
        ContainerRow row = find(sandbox, store.containers(sandbox.id()), container);
        if (!row.kind().equals(KIND)) {
            throw new InvalidRequestException("container", row.name() + " is the main container of sandbox "
                    + sandbox.name() + ", not a debug container",
                    "stop or remove the whole sandbox: `sandpod stop " + sandbox.name() + "`, `sandpod rm " + sandbox.name() + "`");
        }
        return row;
    }

    static Path pidNamespace(long pid) {
        return Path.of("/proc", Long.toString(pid), "ns", "pid");
    }

    /** A container of the sandbox by name or id. */
    static ContainerRow find(SandboxRow sandbox, List<ContainerRow> rows, String nameOrId) throws SandboxException {
        return rows.stream().filter(r -> r.name().equals(nameOrId)).findFirst()
                .or(() -> rows.stream().filter(r -> r.id().equals(nameOrId)).findFirst())
                .orElseThrow(() -> new SandboxContainerNotFoundException(sandbox.name(), nameOrId,
                        rows.stream().map(ContainerRow::name).toList()));
    }

    static ContainerRow main(SandboxRow sandbox, List<ContainerRow> rows) throws SandboxException {
        return rows.stream().filter(r -> r.kind().equals("main")).findFirst()
                .orElseThrow(() -> new SandboxStateException("sandbox " + sandbox.name() + " has no main container",
                        "remove it (`sandpod rm -f " + sandbox.name() + "`) and run it again", null));
    }

    private static RunRequest withLimits(RunRequest r, DebugRequest d) {
        return new RunRequest(r.name(), r.image(), r.args(), r.env(), d.user().or(r::user), r.workdir(), r.restart(), d.memory(),
                d.cpus(), d.pids(), r.capAdd(), r.capDrop(), r.readOnly(), r.volumes(), r.runtime(), r.secret());
    }
}
