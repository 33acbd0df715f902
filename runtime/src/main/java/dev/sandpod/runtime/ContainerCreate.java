package dev.sandpod.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Creates a container: validates the spec into an OCI config (before anything is made), mounts the overlay root,
 * writes the bundle, and has the runtime create it. A failure undoes every step done; a cleanup failure is kept
 * as a suppressed exception of the cause.
 */
final class ContainerCreate {
    private final OciSpecBuilder specs;
    private final RootfsMount rootfs;
    private final OciRuntime runtime;
    private final ContainerDelete delete;

    ContainerCreate(OciSpecBuilder specs, RootfsMount rootfs, OciRuntime runtime, ContainerDelete delete) {
        this.specs = specs;
        this.rootfs = rootfs;
        this.runtime = runtime;
        this.delete = delete;
    }

    ContainerState create(ContainerPaths paths, List<Path> lowerDirs, ContainerSpec spec) throws ContainerException {
        OciSpec oci = specs.build(spec);
        if (Files.exists(paths.dir().resolve("config.json"))) {
            throw new BadSpecException("id", "container " + paths.containerId() + " already exists in sandbox " + paths.sandboxId());
        }
        return make(paths, lowerDirs, spec, oci, false);
    }

    /**
     * Replaces an exited (or half-gone) container with a new instance on the same upper dir: the writable layer
     * survives, the previous instance's log becomes {@link ContainerPaths#previousLogFile()}. A failure keeps the
     * upper dir, so a later attempt still finds the user's files.
     */
    ContainerState recreate(ContainerPaths paths, List<Path> lowerDirs, ContainerSpec spec) throws ContainerException {
        OciSpec oci = specs.build(spec);
        delete.cleanUpKeepingFiles(paths, spec.cgroupsPath());
        try {
            if (Files.exists(paths.logFile())) {
                Files.move(paths.logFile(), paths.previousLogFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new MountFailedException(paths.dir(), "can't keep the previous log: " + e.getMessage(), "check the state root", e);
        }
        return make(paths, lowerDirs, spec, oci, true);
    }

    private ContainerState make(ContainerPaths paths, List<Path> lowerDirs, ContainerSpec spec, OciSpec oci,
                                boolean keepFiles) throws ContainerException {
        try {
            rootfs.mount(lowerDirs, paths);
            try {
                oci.writeTo(paths.dir());
            } catch (IOException e) {
                throw new MountFailedException(paths.dir(), "can't write config.json: " + e.getMessage(), "check the state root", e);
            }
            runtime.create(paths);
            return runtime.state(paths.containerId());
        } catch (ContainerException | RuntimeException e) {
            try {
                if (keepFiles) {
                    delete.cleanUpKeepingFiles(paths, spec.cgroupsPath());
                } else {
                    delete.cleanUp(paths, spec.cgroupsPath());
                }
            } catch (ContainerException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
