package dev.sandpod.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A sandbox as {@code describe} shows it: identity, desired state, network, containers and recent events. */
public record SandboxDescription(String id, String name, Instant createdAt, String desired, Optional<String> ip,
                                 Optional<String> gateway, Optional<String> subnet, List<ContainerDescription> containers,
                                 List<Event> events) {
    public SandboxDescription {
        containers = List.copyOf(containers);
        events = List.copyOf(events);
    }

    /** The main container of the default service. */
    public ContainerDescription main() {
        return containers.stream().filter(c -> c.kind().equals("main")).findFirst().orElseThrow();
    }
}
