package dev.sandpod.image.store;

import dev.sandpod.core.IoErrors;

import dev.sandpod.core.SandpodException;

import java.io.IOException;
import java.nio.file.Path;

/** The image store can't hold or find something; disk full is reported as such. */
public final class StoreException extends SandpodException {
    public StoreException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }

    public StoreException(String message, String hint) {
        super(message, hint);
    }

    /** Turns an I/O failure while writing into the store into a clear error, naming a full disk as such. */
    public static StoreException writing(String what, Path where, IOException e) {
        if (isDiskFull(e)) {
            return new StoreException("disk full while writing " + what + " to " + where,
                    "free space on that file system, run `sandpod image prune`, or set a lower store.maxSize in config.json", e);
        }
        return new StoreException("can't write " + what + " to " + where + ": " + IoErrors.describe(e),
                "check the state root's file system and permissions", e);
    }

    public static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage();
            if (message != null && (message.contains("No space left on device") || message.contains("ENOSPC")
                    || message.contains("Disk quota exceeded"))) {
                return true;
            }
        }
        return false;
    }
}
