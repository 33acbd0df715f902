package dev.sandpod.sandbox;

/** A started exec, held by a caller that streams its output until {@link SandboxService#awaitExec}. */
public record StartedExec(SandboxExec.Started started) {
    public String execId() {
        return started.execId();
    }

    public String container() {
        return started.container().name();
    }

    public int instance() {
        return started.instance();
    }

    /** Kills the exec's whole process tree (a streaming client that went away). */
    public void kill() {
        started.exec().kill();
    }
}
