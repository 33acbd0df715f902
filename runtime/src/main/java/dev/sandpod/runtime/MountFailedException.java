package dev.sandpod.runtime;

import java.nio.file.Path;

/** A container's root filesystem could not be mounted or unmounted. */
public final class MountFailedException extends ContainerException {
    private final Path target;

    public MountFailedException(Path target, String problem, String hint, Throwable cause) {
        super("can't mount the root filesystem at " + target + ": " + problem, hint, cause);
        this.target = target;
    }

    public Path target() {
        return target;
    }
}
