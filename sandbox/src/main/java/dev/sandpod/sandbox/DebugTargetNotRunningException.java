package dev.sandpod.sandbox;

/** A debug container joins its target's PID namespace, which exists only while the target runs. */
public final class DebugTargetNotRunningException extends SandboxException {
    private final String sandbox;
    private final String target;

    public DebugTargetNotRunningException(String sandbox, String target, String state) {
        super("can't debug sandbox " + sandbox + ": its container " + target + " is not running (" + state + ")",
                "debug a running container: wait for it to restart (`sandpod describe " + sandbox
                        + "`), or start the sandbox again", null);
        this.sandbox = sandbox;
        this.target = target;
    }

    public String sandbox() {
        return sandbox;
    }

    public String target() {
        return target;
    }
}
