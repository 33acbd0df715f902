package dev.sandpod.runtime;

import java.nio.file.Path;

/**
 * A host binary the runtime needs (runc, runsc, conmon) is not installed where sandpod looks for it, or the
 * runtime asked for is not one sandpod knows ({@code runc} or {@code runsc}).
 */
public final class RuntimeMissingException extends ContainerException {
    private final Path binary;

    public RuntimeMissingException(String what, Path binary) {
        super(what + " is not installed: " + binary + " is missing or not executable",
                "install Debian's " + binary.getFileName() + " package (apt-get install " + binary.getFileName()
                        + "; ./sandpod installs the run packages on first use)", null);
        this.binary = binary;
    }

    private RuntimeMissingException(String message, String hint) {
        super(message, hint, null);
        this.binary = null;
    }

    static RuntimeMissingException unknown(String name) {
        return new RuntimeMissingException("unknown runtime '" + name + "': sandpod runs containers with runc or runsc",
                "use --runtime runc (the default) or --runtime runsc (gVisor: apt-get install runsc)");
    }

    /** The missing binary; null when the runtime's name itself was unknown. */
    public Path binary() {
        return binary;
    }
}
