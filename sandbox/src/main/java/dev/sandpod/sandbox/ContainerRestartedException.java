package dev.sandpod.sandbox;

/**
 * The caller expected one instance of a container and it has restarted since (a fresh writable process tree:
 * the caller's background processes and in-memory state are gone). Refused rather than run silently in the new one.
 */
public final class ContainerRestartedException extends SandboxException {
    private final String sandbox;
    private final String container;
    private final int expectedInstance;
    private final int instance;

    public ContainerRestartedException(String sandbox, String container, int expectedInstance, int instance) {
        super("container " + container + " of sandbox " + sandbox + " has restarted (instance " + instance
                        + ", the caller expected " + expectedInstance + "): its processes were started afresh",
                "see `sandpod describe " + sandbox + "` for why it restarted; pass the new instance to go on", null);
        this.sandbox = sandbox;
        this.container = container;
        this.expectedInstance = expectedInstance;
        this.instance = instance;
    }

    public String sandbox() {
        return sandbox;
    }

    public String container() {
        return container;
    }

    public int expectedInstance() {
        return expectedInstance;
    }

    public int instance() {
        return instance;
    }
}
