package dev.sandpod.sandbox;

import dev.sandpod.runtime.exec.ExecOutputListener;

import java.io.InputStream;
import java.util.Optional;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;
import dev.sandpod.net.PodNetwork;
import dev.sandpod.runtime.Containers;
import dev.sandpod.state.RootLayout;
import dev.sandpod.state.StateDb;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The sandbox controller's entry point for one root, as the daemon calls it: run, list, describe, logs, stop,
 * remove, events, and the {@link Reconciler} to call on a timer. Opening it runs intent recovery first, so a
 * {@code kill -9} at any point, followed by any call, leaves things consistent. Safe for concurrent callers:
 * operations on one sandbox are serialised by a per-sandbox lock.
 */
public final class SandboxService implements AutoCloseable {
    /** @param backOff restart back-off (kubelet's 10 s to 5 min by default) */
    public record Config(BackOff backOff) {
        public static final Config DEFAULT = new Config(BackOff.KUBELET);
    }

    private final RootLayout layout;
    private final ImageService images;
    private final StateDb db;
    private final SandboxStore store;
    private final Containers containers;
    private final SandboxLocks locks = new SandboxLocks();
    private final SandboxRun run;
    private final SandboxStop stop;
    private final SandboxRemove remove;
    private final SandboxDescribe describe;
    private final SandboxDebug debug;
    private final SandboxUpdate update;
    private final SandboxExec exec;
    private final Reconciler reconciler;
    private final IntentRecovery.Report recovery;

    private SandboxService(RootLayout layout, Config config, ImageService images, StateDb db, Containers containers,
                           PodNetwork network, Clock clock) throws SandboxException {
        this.layout = layout;
        this.images = images;
        this.db = db;
        this.store = new SandboxStore(db);
        this.containers = containers;
        IntentLog intents = new IntentLog(db, store, clock);
        LiveState live = new LiveState(containers);
        PodSetup pods = new PodSetup(layout, network, store, intents);
        ContainerLauncher launcher = new ContainerLauncher(containers, images, store, intents);
        this.remove = new SandboxRemove(layout, containers, pods, store, clock);
        this.run = new SandboxRun(images, new ImageFiles(layout), store, pods, launcher, remove, locks, clock);
        this.stop = new SandboxStop(containers, store, clock);
        this.describe = new SandboxDescribe(store, live);
        this.debug = new SandboxDebug(images, store, run, launcher, containers, live, locks, clock);
        this.exec = new SandboxExec(store, containers, live);
        this.update = new SandboxUpdate(store, containers, live, locks, clock);
        this.reconciler = new Reconciler(intents, store, pods, launcher, remove, containers, live, locks, config.backOff());
        this.recovery = new IntentRecovery(layout, intents, store, network, containers, live, clock).recover();
    }

    /** The host's runc, conmon, CNI and cgroups; recovers pending intents before it returns. */
    public static SandboxService open(RootLayout layout, Config config) throws SandpodException {
        ImageService images = ImageService.open(layout);
        StateDb db;
        try {
            db = StateDb.open(layout);
        } catch (SandpodException e) {
            images.close();
            throw e;
        }
        try {
            return new SandboxService(layout, config, images, db, Containers.open(layout), PodNetwork.onThisHost(),
                    Clock.systemUTC());
        } catch (SandpodException | RuntimeException e) {
            try {
                db.close();
                images.close();
            } catch (SQLException | SandpodException close) {
                e.addSuppressed(close);
            }
            throw e;
        }
    }

    public static SandboxService open(RootLayout layout) throws SandpodException {
        return open(layout, Config.DEFAULT);
    }

    /** What recovery did when this service opened. */
    public IntentRecovery.Report recovery() {
        return recovery;
    }

    /** Makes a sandbox and returns once its main container has started; on failure nothing of it is left. */
    public RunResult run(RunRequest request) throws SandboxException {
        return run.run(request);
    }

    /** Every sandbox with its containers' live state (no events). */
    public List<SandboxDescription> list() throws SandboxException {
        List<SandboxDescription> out = new ArrayList<>();
        for (SandboxRow sandbox : store.sandboxes()) {
            out.add(describe.describe(sandbox, false));
        }
        return out;
    }

    /** By name or id: state from the runtime now, with the recent events. */
    public SandboxDescription describe(String name) throws SandboxException {
        return describe.describe(store.get(name), true);
    }

    /** The main container's log lines; {@code tail} < 0 for all; {@code previous} for the instance before the last restart. */
    public List<LogLine> logs(String name, int tail, boolean previous) throws SandboxException {
        SandboxRow sandbox = store.get(name);
        ContainerRow main = store.containers(sandbox.id()).stream().filter(c -> c.kind().equals("main")).findFirst()
                .orElseThrow(() -> new SandboxStateException("sandbox " + name + " has no main container", null, null));
        return SandboxLogs.read(containers.paths(sandbox.id(), main.id()), tail, previous);
    }

    public void stop(String name, Duration grace) throws SandboxException {
        SandboxRow sandbox = store.get(name);
        try (SandboxLocks.Held held = locks.lock(sandbox.id())) {
            stop.stop(store.get(sandbox.id()), grace);
        }
    }

    /** Removes everything the sandbox made; a running sandbox needs {@code force} (its containers are killed). */
    public void remove(String name, boolean force) throws SandboxException {
        SandboxRow sandbox = store.get(name);
        try (SandboxLocks.Held held = locks.lock(sandbox.id())) {
            remove.remove(store.get(sandbox.id()), force);
        }
    }

    /** Events recorded under this sandbox name (including those of a run that failed), oldest first. */
    public List<Event> events(String name) throws SandboxException {
        return store.events(name, 1000);
    }

    /**
     * Starts an ephemeral debug container in a running sandbox's pod: the pod's network, the target's PID namespace
     * (its files under {@code /proc/<pid>/root}), its own cgroup and limits, its own log. It is listed by describe
     * (kind debug), never restarted, and removed with the sandbox.
     */
    public DebugResult debug(DebugRequest request) throws SandboxException {
        return debug.debug(request);
    }

    /** Stops a debug container (SIGTERM, SIGKILL after {@code grace}); the main container is not touched. */
    public void stopDebug(String name, String container, Duration grace) throws SandboxException {
        debug.stop(name, container, grace);
    }

    /** Removes a debug container and everything it made; a running one needs {@code force}. */
    public void removeDebug(String name, String container, boolean force) throws SandboxException {
        debug.remove(name, container, force);
    }

    /** The log lines of one container of the sandbox (main or debug), by name or id; as {@link #logs(String, int, boolean)}. */
    public List<LogLine> logs(String name, String container, int tail, boolean previous) throws SandboxException {
        SandboxRow sandbox = store.get(name);
        ContainerRow row = SandboxDebug.find(sandbox, store.containers(sandbox.id()), container);
        return SandboxLogs.read(containers.paths(sandbox.id(), row.id()), tail, previous);
    }

    /**
     * Changes the main container's limits: written to its cgroup now if it runs (never through runc update, never
     * the devices controller) and kept for its restarts. Returns the limits in force after the update.
     */
    public dev.sandpod.runtime.ContainerSpec.Limits update(String name, LimitsUpdate limits) throws SandboxException {
        return update.update(name, limits);
    }

    /** Runs a command in a sandbox's container and waits for it; see {@link ExecRequest}. */
    public ExecOutcome exec(ExecRequest request, Optional<InputStream> stdin) throws SandboxException {
        return exec.await(exec.start(request, stdin, ExecOutputListener.NONE));
    }

    /**
     * Starts a command whose output {@code listener} sees as it comes; {@link #awaitExec} then waits for its end.
     * Everything about the request is checked before it starts.
     */
    public StartedExec startExec(ExecRequest request, Optional<InputStream> stdin, ExecOutputListener listener)
            throws SandboxException {
        return new StartedExec(exec.start(request, stdin, listener));
    }

    public ExecOutcome awaitExec(StartedExec started) throws SandboxException {
        return exec.await(started.started());
    }

    /** The stdin of a running exec started with {@code streamStdin}; closing it ends the command's input. */
    public Optional<java.io.OutputStream> attachStdin(String execId) {
        return exec.attachStdin(execId);
    }

    /** Kills a running exec's whole process tree; false if no exec of that id runs. */
    public boolean killExec(String execId) {
        return exec.kill(execId);
    }

    /**
     * File access to a container of the sandbox (its main container when {@code container} is empty), every path
     * resolved with the container's root as {@code /}: its running process's view (volumes, the pod's /etc files),
     * or its root file system while stopped. No lock is held while it is open; the caller closes it.
     *
     * @throws dev.sandpod.runtime.files.FilesException UNAVAILABLE when the container neither runs nor has its root mounted
     */
    public SandboxFiles files(String name, java.util.Optional<String> container)
            throws SandboxException, dev.sandpod.runtime.files.FilesException {
        SandboxRow sandbox = store.get(name);
        List<ContainerRow> rows = store.containers(sandbox.id());
        ContainerRow row = container.isPresent() ? SandboxDebug.find(sandbox, rows, container.get()) : SandboxDebug.main(sandbox, rows);
        String where = row.kind().equals("main") ? "sandbox " + sandbox.name()
                : "container " + row.name() + " of sandbox " + sandbox.name();
        return new SandboxFiles(containers.files(sandbox.id(), row.id(), row.spec().runtimeClass(), where),
                new dev.sandpod.runtime.files.Owner(row.spec().uid(), row.spec().gid()));
    }

    public Reconciler reconciler() {
        return reconciler;
    }

    public RootLayout layout() {
        return layout;
    }

    @Override
    public void close() throws SandpodException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new SandboxStateException("can't close state.db: " + e.getMessage(), "check the state root", e);
        } finally {
            images.close();
        }
    }
}
