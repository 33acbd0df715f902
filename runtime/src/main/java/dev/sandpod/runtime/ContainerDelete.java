package dev.sandpod.runtime;

import dev.sandpod.core.FileTrees;

import java.io.IOException;
import java.nio.file.Files;

/**
 * Removes a container and everything it made: the runtime's state and conmon's files, the rootfs mount, the
 * cgroup, and its directory with the upper dir and the log. Refuses a live container unless forced.
 */
final class ContainerDelete {
    private final OciRuntime runtime;
    private final RootfsMount rootfs;
    private final Cgroups cgroups;

    ContainerDelete(OciRuntime runtime, RootfsMount rootfs, Cgroups cgroups) {
        this.runtime = runtime;
        this.rootfs = rootfs;
        this.cgroups = cgroups;
    }

    void delete(ContainerPaths paths, boolean force) throws ContainerException {
        String id = paths.containerId();
        try {
            ContainerState state = runtime.state(id);
            if (!state.exited() && !force) {
                throw new IllegalStateTransition(id, state.status(), "delete");
            }
        } catch (ContainerNotFoundException gone) {
            // half-made or already deleted from the runtime: clean up what is left
        }
        cleanUp(paths, paths.cgroupsPath());
    }

    /** Removes everything: runtime state, mount, cgroup, and the directory with the upper dir and the log. */
    void cleanUp(ContainerPaths paths, String cgroupsPath) throws ContainerException {
        cleanUp(paths, cgroupsPath, () -> {
            try {
                FileTrees.deleteTree(paths.dir());
            } catch (IOException e) {
                throw new MountFailedException(paths.dir(), "can't remove the container's directory: " + e.getMessage(),
                        "check nothing is still mounted under it", e);
            }
        });
    }

    /**
     * Removes the runtime's state, the rootfs mount, the cgroup (so OOM counters start afresh) and config.json, but
     * keeps the directory with the upper and work dirs and the log: what a restart needs to recreate the container
     * on the same writable layer.
     */
    void cleanUpKeepingFiles(ContainerPaths paths, String cgroupsPath) throws ContainerException {
        cleanUp(paths, cgroupsPath, () -> {
            try {
                Files.deleteIfExists(paths.dir().resolve("config.json"));
            } catch (IOException e) {
                throw new MountFailedException(paths.dir(), "can't remove config.json: " + e.getMessage(),
                        "check the state root", e);
            }
        });
    }

    @FunctionalInterface
    private interface Step {
        void run() throws ContainerException;
    }

    /** Every step runs even if an earlier one failed; the first failure is thrown with the others suppressed. */
    private void cleanUp(ContainerPaths paths, String cgroupsPath, Step files) throws ContainerException {
        ContainerException first = null;
        for (Step step : new Step[] {
                () -> runtime.delete(paths.containerId(), true),
                () -> rootfs.unmount(paths.rootfs()),
                () -> cgroups.remove(cgroupsPath),
                files}) {
            try {
                step.run();
            } catch (ContainerException e) {
                first = keep(first, e);
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static ContainerException keep(ContainerException first, ContainerException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
