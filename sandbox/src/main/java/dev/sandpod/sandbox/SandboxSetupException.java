package dev.sandpod.sandbox;

import dev.sandpod.core.SandpodException;

/**
 * Making a sandbox's network, files or container failed. Everything made was undone before this was thrown; a
 * failure of that undo is kept as a suppressed exception.
 */
public final class SandboxSetupException extends SandboxException {
    private final String sandbox;
    private final String step;

    public SandboxSetupException(String sandbox, String step, Exception cause) {
        super("sandbox " + sandbox + ": " + step + " failed: " + cause.getMessage(),
                cause instanceof SandpodException s ? s.hint().orElse(null) : "see the cause", cause);
        this.sandbox = sandbox;
        this.step = step;
    }

    public String sandbox() {
        return sandbox;
    }

    /** What failed: "pod network", "pod files", "container create", ... */
    public String step() {
        return step;
    }
}
