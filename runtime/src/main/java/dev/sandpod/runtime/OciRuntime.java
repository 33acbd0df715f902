package dev.sandpod.runtime;

import dev.sandpod.runtime.exec.ExecOutputListener;
import dev.sandpod.runtime.exec.ExecSpec;
import dev.sandpod.runtime.exec.RunningExec;

import java.io.InputStream;
import java.util.Optional;

/**
 * An OCI runtime as sandpod drives it: one container per call, addressed by id, its files at
 * {@link ContainerPaths}. {@link RuncConmonRuntime} is the host-process implementation (runc under conmon).
 * Every operation reads the truth from the runtime at call time; nothing is cached.
 */
public interface OciRuntime {
    /** Creates the container from the bundle at {@code paths.dir()}; its process waits for {@link #start}. */
    void create(ContainerPaths paths) throws ContainerException;

    void start(String id) throws ContainerException;

    /** @throws ContainerNotFoundException if the runtime knows no such container and left no exit file */
    ContainerState state(String id) throws ContainerException;

    /** Sends a signal to the container's init process; a container that has already exited is left alone. */
    void kill(String id, int signal) throws ContainerException;

    /**
     * Starts a command in the running container, in a cgroup of its own below the container's where the runtime
     * supports one, so the whole tree can be killed; see {@link RunningExec}.
     */
    RunningExec exec(String id, ExecSpec spec, Optional<InputStream> stdin, ExecOutputListener listener)
            throws ContainerException;

    /** Removes the runtime's state and files of the container; {@code force} kills it first if it runs. */
    void delete(String id, boolean force) throws ContainerException;
}
