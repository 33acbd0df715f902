package dev.sandpod.runtime;

import dev.sandpod.core.sys.LinuxMounts;
import dev.sandpod.core.sys.LinuxSyscalls;
import dev.sandpod.core.sys.Mounts;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.image.store.LayerStore;
import dev.sandpod.runtime.exec.ExecOutputListener;
import dev.sandpod.runtime.exec.ExecSpec;
import dev.sandpod.runtime.exec.RunningExec;
import dev.sandpod.runtime.files.ContainerFiles;
import dev.sandpod.runtime.files.ContainerRoots;
import dev.sandpod.runtime.files.FilesException;
import dev.sandpod.state.RootLayout;

import java.io.InputStream;
import java.util.Optional;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The runtime module's entry point for one sandpod root: create, start, state, stop, delete containers, and read
 * or change their cgroup limits. The composition root picks the implementations ({@link #open} for the host).
 */
public final class Containers {
    private final RootLayout layout;
    private final OciRuntime runtime;
    private final Cgroups cgroups;
    private final ContainerCreate create;
    private final ContainerStart start;
    private final ContainerStop stop;
    private final ContainerDelete delete;
    private final ContainerRoots roots = new ContainerRoots(new LinuxSyscalls());

    public Containers(RootLayout layout, OciRuntime runtime, Cgroups cgroups, Mounts mounts, OciSpecBuilder specs) {
        this.layout = layout;
        this.runtime = runtime;
        this.cgroups = cgroups;
        RootfsMount rootfs = new RootfsMount(mounts);
        this.delete = new ContainerDelete(runtime, rootfs, cgroups);
        this.create = new ContainerCreate(specs, rootfs, runtime, delete);
        this.start = new ContainerStart(runtime);
        this.stop = new ContainerStop(runtime, ContainerStop.SYSTEM, Duration.ofMillis(20));
    }

    /** runc + conmon from Debian, the host's cgroup version, real mounts, NOFILE clamped to this process's own. */
    public static Containers open(RootLayout layout) {
        Cgroups cgroups = Cgroups.detect();
        return new Containers(layout, RuncConmonRuntime.open(layout, cgroups), cgroups, new LinuxMounts(),
                new OciSpecBuilder(OciSpecBuilder.ownNofileHardLimit()));
    }

    public ContainerPaths paths(String sandboxId, String containerId) {
        return new ContainerPaths(layout, sandboxId, containerId);
    }

    /**
     * Creates a container of the image's layers; its cgroup is set to {@link ContainerPaths#cgroupsPath()}.
     * The process waits for {@link #start}.
     */
    public ContainerState create(String sandboxId, String containerId, ImageRecord image, ContainerSpec spec)
            throws ContainerException {
        if (!ContainerPaths.validId(sandboxId) || !ContainerPaths.validId(containerId)) {
            throw new BadSpecException("id", "ids are 1-64 of a-z 0-9 _ . - starting with a letter or digit: '"
                    + sandboxId + "', '" + containerId + "'");
        }
        ContainerPaths paths = paths(sandboxId, containerId);
        LayerStore layers = new LayerStore(layout.layersDir(), layout.locksDir(), (blob, target, label) -> {
            throw new UnsupportedOperationException("the runtime only reads unpacked layers");
        });
        List<Path> lowers = RootfsMount.lowerDirs(image, layers);
        return create.create(paths, lowers, spec.withCgroupsPath(paths.cgroupsPath()));
    }

    /**
     * Recreates an exited container as a new instance with the same id on the same upper dir (its writable layer
     * survives; the old log becomes {@link ContainerPaths#previousLogFile()}); the process waits for {@link #start}.
     */
    public ContainerState recreate(String sandboxId, String containerId, ImageRecord image, ContainerSpec spec)
            throws ContainerException {
        ContainerPaths paths = paths(sandboxId, containerId);
        LayerStore layers = new LayerStore(layout.layersDir(), layout.locksDir(), (blob, target, label) -> {
            throw new UnsupportedOperationException("the runtime only reads unpacked layers");
        });
        List<Path> lowers = RootfsMount.lowerDirs(image, layers);
        return create.recreate(paths, lowers, spec.withCgroupsPath(paths.cgroupsPath()));
    }

    public ContainerState start(String containerId) throws ContainerException {
        return start.start(containerId);
    }

    public ContainerState state(String containerId) throws ContainerException {
        return runtime.state(containerId);
    }

    /** Starts a command in a running container; the caller awaits or kills the returned exec. */
    public RunningExec exec(String containerId, ExecSpec spec, Optional<InputStream> stdin, ExecOutputListener listener)
            throws ContainerException {
        return runtime.exec(containerId, spec, stdin, listener);
    }

    public ContainerState stop(String containerId, Duration grace) throws ContainerException {
        return stop.stop(containerId, grace);
    }

    public void kill(String containerId, int signal) throws ContainerException {
        runtime.kill(containerId, signal);
    }

    public void delete(String sandboxId, String containerId, boolean force) throws ContainerException {
        delete.delete(paths(sandboxId, containerId), force);
    }

    public void update(String sandboxId, String containerId, ContainerSpec.Limits limits) throws ContainerException {
        cgroups.update(paths(sandboxId, containerId).cgroupsPath(), limits);
    }

    public ContainerSpec.Limits limits(String sandboxId, String containerId) throws ContainerException {
        return cgroups.limits(paths(sandboxId, containerId).cgroupsPath());
    }

    /**
     * File access to the container's root file system, every path resolved with it as {@code /}: its init process's
     * root while it runs (its mounts included), its mounted rootfs while it is stopped. The caller closes it.
     *
     * @param where how messages name the container, such as "sandbox web"
     */
    public ContainerFiles files(String sandboxId, String containerId, RuntimeClass runtimeClass, String where)
            throws FilesException {
        return roots.open(paths(sandboxId, containerId), runtimeClass, where);
    }

    public Cgroups.Usage usage(String sandboxId, String containerId) throws ContainerException {
        return cgroups.usage(paths(sandboxId, containerId).cgroupsPath());
    }
}
