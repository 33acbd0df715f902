package dev.sandpod.sandbox;

import java.util.List;

/** The sandbox has no container of this name (or id); the hint lists the ones it has. */
public final class SandboxContainerNotFoundException extends SandboxException {
    private final String sandbox;
    private final String container;

    public SandboxContainerNotFoundException(String sandbox, String container, List<String> existing) {
        super("sandbox " + sandbox + " has no container " + container,
                existing.isEmpty() ? "it has no containers" : "its containers are: " + String.join(", ", existing)
                        + " (`sandpod describe " + sandbox + "`)", null);
        this.sandbox = sandbox;
        this.container = container;
    }

    public String sandbox() {
        return sandbox;
    }

    public String container() {
        return container;
    }
}
