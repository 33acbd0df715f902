package dev.sandpod.net;

import java.io.IOException;
import java.nio.file.Path;

/** The machine-wide subnet allocation file could not be read or written. */
public final class AllocationFileException extends NetworkException {
    public AllocationFileException(Path file, IOException cause) {
        super("could not read or update the subnet allocations in " + file + ": " + cause.getMessage(),
                "check that " + file.getParent() + " is writable by root and the file is valid JSON "
                        + "(a broken file can be removed when no sandpod root on this machine is running sandboxes)",
                cause);
    }
}
