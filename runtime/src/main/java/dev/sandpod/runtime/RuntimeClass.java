package dev.sandpod.runtime;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Which OCI runtime runs a container under conmon: {@link #RUNC} (host kernel, namespaces and cgroups) or
 * {@link #RUNSC} (gVisor: a user-space kernel, the stronger isolation class). Each keeps its state under its own
 * root, {@code <runtimeDir>/<name>}.
 */
public enum RuntimeClass {
    RUNC("runc", Path.of("/usr/sbin/runc")),
    RUNSC("runsc", Path.of("/usr/bin/runsc"));

    private final String id;
    private final Path binary;

    RuntimeClass(String id, Path binary) {
        this.id = id;
        this.binary = binary;
    }

    /** The name users write: {@code runc} or {@code runsc}. */
    public String id() {
        return id;
    }

    public Path binary() {
        return binary;
    }

    /**
     * The runtime named {@code name} (any case).
     *
     * @throws RuntimeMissingException for a name sandpod doesn't know
     */
    public static RuntimeClass parse(String name) throws RuntimeMissingException {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (RuntimeClass r : values()) {
            if (r.id.equals(n)) {
                return r;
            }
        }
        throw RuntimeMissingException.unknown(name);
    }
}
