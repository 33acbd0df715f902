package dev.sandpod.api;

import dev.sandpod.core.SandpodException;

import java.nio.file.Path;

/** Another daemon holds this root's lock. */
public final class DaemonAlreadyRunningException extends SandpodException {
    public DaemonAlreadyRunningException(Path root, String holder) {
        super("a sandpod daemon already runs for " + root + (holder.isBlank() ? "" : " (pid " + holder + ")"),
                "use it, or stop it first with `sandpod --root " + root + " daemon stop`");
    }
}
