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
                delete.cleanUp(paths, spec.cgroupsPath());
            } catch (ContainerException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }
}
