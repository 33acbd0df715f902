package dev.sandpod.client.model;

import java.util.List;

/** {@code GET /v1/sandboxes/{name}}: a sandbox with its containers' state read at the call, and its recent events. */
public record SandboxDetails(String id, String name, String created, String desired, String ip, String gateway,
                             String subnet, List<ContainerInfo> containers, List<EventInfo> events) {
    /** The main container. */
    public ContainerInfo main() {
        return containers.stream().filter(c -> "main".equals(c.kind())).findFirst().orElseThrow();
    }
}
