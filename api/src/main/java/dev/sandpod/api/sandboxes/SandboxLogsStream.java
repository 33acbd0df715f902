package dev.sandpod.api.sandboxes;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.NdjsonStream;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.LogEntry;
import dev.sandpod.sandbox.ContainerDescription;
import dev.sandpod.sandbox.LogLine;
import dev.sandpod.sandbox.SandboxContainerNotFoundException;
import dev.sandpod.sandbox.SandboxDescription;
import dev.sandpod.sandbox.SandboxException;
import dev.sandpod.sandbox.SandboxService;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/sandboxes/{name}/logs?tail=N&previous=true&follow=true&container=C}: a container's log lines as
 * NDJSON (the main container's, or with {@code container} that one's, main or debug, by name or id). With {@code follow}, new lines are sent as they are written until the container's instance ends (it
 * exits, restarts or the sandbox goes) or the client goes away; a quiet stream gets an empty line every second.
 */
public record SandboxLogsStream(ApiContext context) implements Operation {
    static final long POLL_MILLIS = 100;
    static final long KEEP_ALIVE_MILLIS = 1000;

    @Override
    public void handle(Exchange exchange) throws Exception {
        String name = exchange.pathParam("name");
        int tail = QueryParams.nonNegativeInt(exchange, "tail", -1); // absent: every line
        boolean previous = exchange.flag("previous");
        boolean follow = exchange.flag("follow") && !previous;
        Optional<String> container = exchange.query("container").filter(c -> !c.isEmpty());
        SandboxService sandboxes = context.sandboxes();
        // errors before the stream are plain JSON errors (an unknown container: 404 naming the ones there are)
        List<LogLine> all = logs(sandboxes, name, container, previous);
        ContainerDescription started = chosen(sandboxes.describe(name), container);
        NdjsonStream stream = exchange.stream();
        int from = tail >= 0 ? Math.max(0, all.size() - tail) : 0;
        send(stream, all, from);
        if (follow) {
            follow(stream, sandboxes, name, container, started, all.size());
        }
    }

    private static void follow(NdjsonStream stream, SandboxService sandboxes, String name, Optional<String> container,
                               ContainerDescription started, int sent) throws InterruptedException {
        long quietSince = System.nanoTime();
        while (!stream.clientGone()) {
            Thread.sleep(POLL_MILLIS);
            try {
                ContainerDescription now = chosen(sandboxes.describe(name), container);
                boolean sameInstance = now.instance() == started.instance();
                // after a restart the instance's log was rotated to the previous one: send what is left of it
                List<LogLine> lines = logs(sandboxes, name, container, !sameInstance);
                if (lines.size() > sent) {
                    send(stream, lines, sent);
                    sent = lines.size();
                    quietSince = System.nanoTime();
                }
                if (!sameInstance || !now.state().equals("Running")) {
                    return;
                }
            } catch (SandboxException e) {
                return; // removed meanwhile, or its log went with a restart: what was sent stands
            }
            if (System.nanoTime() - quietSince > KEEP_ALIVE_MILLIS * 1_000_000) {
                if (!stream.keepAlive()) {
                    return;
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private static List<LogLine> logs(SandboxService sandboxes, String name, Optional<String> container,
                                      boolean previous) throws SandboxException {
        return container.isPresent() ? sandboxes.logs(name, container.get(), -1, previous) : sandboxes.logs(name, -1, previous);
    }

    /** The chosen container (by name, then id, as the service finds it), or the main one. */
    private static ContainerDescription chosen(SandboxDescription sandbox, Optional<String> container)
            throws SandboxException {
        if (container.isEmpty()) {
            return sandbox.main();
        }
        List<ContainerDescription> all = sandbox.containers();
        return all.stream().filter(c -> c.name().equals(container.get())).findFirst()
                .or(() -> all.stream().filter(c -> c.id().equals(container.get())).findFirst())
                .orElseThrow(() -> new SandboxContainerNotFoundException(sandbox.name(), container.get(),
                        all.stream().map(ContainerDescription::name).toList()));
    }

    private static void send(NdjsonStream stream, List<LogLine> lines, int from) {
        for (LogLine line : lines.subList(from, lines.size())) {
            if (!stream.send(new LogEntry(line.time(), line.stream(), line.text()))) {
                return;
            }
        }
    }
}
