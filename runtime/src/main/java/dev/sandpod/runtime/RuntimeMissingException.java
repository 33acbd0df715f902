package dev.sandpod.runtime;

import java.nio.file.Path;

/** A host binary the runtime needs (runc, conmon) is not installed where sandpod looks for it. */
public final class RuntimeMissingException extends ContainerException {
    private final Path binary;

    public RuntimeMissingException(String what, Path binary) {
        super(what + " is not installed: " + binary + " is missing or not executable",
                "install Debian's " + binary.getFileName() + " package (./sandpod installs the run packages on first use)", null);
        this.binary = binary;
    }

    public Path binary() {
        return binary;
    }
}
