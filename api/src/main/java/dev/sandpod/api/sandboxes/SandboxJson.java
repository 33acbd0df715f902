package dev.sandpod.api.sandboxes;

import dev.sandpod.client.model.ContainerInfo;
import dev.sandpod.client.model.EventInfo;
import dev.sandpod.client.model.SandboxDetails;
import dev.sandpod.client.model.SandboxSummary;
import dev.sandpod.sandbox.ContainerDescription;
import dev.sandpod.sandbox.Event;
import dev.sandpod.sandbox.SandboxDescription;

import java.time.Instant;
import java.util.Optional;

/** The sandbox module's records as the API's wire records (times as ISO-8601, absent values as null). */
final class SandboxJson {
    private SandboxJson() {
    }

    static SandboxSummary summary(SandboxDescription s) {
        ContainerDescription main = s.main();
        return new SandboxSummary(s.id(), s.name(), main.image(), s.desired(), main.stateWithReason(),
                main.restartCount(), s.ip().orElse(null), s.createdAt().toString());
    }

    static SandboxDetails details(SandboxDescription s) {
        return new SandboxDetails(s.id(), s.name(), s.createdAt().toString(), s.desired(), s.ip().orElse(null),
                s.gateway().orElse(null), s.subnet().orElse(null),
                s.containers().stream().map(SandboxJson::container).toList(),
                s.events().stream().map(SandboxJson::event).toList());
    }

    static ContainerInfo container(ContainerDescription c) {
        var limits = c.limits();
        return new ContainerInfo(c.name(), c.id(), c.kind(), c.image(), c.imageDigest(), c.state(),
                c.reason().orElse(null), c.exitCode().isPresent() ? c.exitCode().getAsInt() : null, c.restartCount(),
                c.instance(), time(c.startedAt()), time(c.finishedAt()), c.lastReason().orElse(null),
                limits.memoryBytes().isPresent() ? limits.memoryBytes().getAsLong() : null,
                limits.cpuMillis().isPresent() ? limits.cpuMillis().getAsLong() : null,
                limits.pids().isPresent() ? limits.pids().getAsLong() : null,
                c.restartPolicy().text(), time(c.nextRestartAt()), c.runtime());
    }

    static EventInfo event(Event e) {
        return new EventInfo(e.at().toString(), e.object(), e.reason(), e.message());
    }

    private static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }
}
