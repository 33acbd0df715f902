package dev.sandpod.sandbox;

/** An exec or file call needs a running container, and this one is not (stopped, exited, restarting, gone). */
public final class ContainerNotRunningException extends SandboxException {
    private final String sandbox;
    private final String container;
    private final String state;

    public ContainerNotRunningException(String sandbox, String container, String state) {
        super("container " + container + " of sandbox " + sandbox + " is not running (" + state + ")",
                "see `sandpod describe " + sandbox + "` for why; exec needs a running container", null);
        this.sandbox = sandbox;
        this.container = container;
        this.state = state;
    }

    public String sandbox() {
        return sandbox;
    }

    public String container() {
        return container;
    }

    public String state() {
        return state;
    }
}
