package dev.sandpod.api.sandboxes;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.NdjsonStream;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.LogEntry;
import dev.sandpod.sandbox.ContainerDescription;
import dev.sandpod.sandbox.LogLine;
import dev.sandpod.sandbox.SandboxException;
import dev.sandpod.sandbox.SandboxService;

import java.util.List;

/**
 * {@code GET /v1/sandboxes/{name}/logs?tail=N&previous=true&follow=true}: the main container's log lines as
 * NDJSON. With {@code follow}, new lines are sent as they are written until the container's instance ends (it
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
        SandboxService sandboxes = context.sandboxes();
        ContainerDescription started = sandboxes.describe(name).main();
        List<LogLine> all = sandboxes.logs(name, -1, previous); // errors before the stream are plain JSON errors
        NdjsonStream stream = exchange.stream();
        int from = tail >= 0 ? Math.max(0, all.size() - tail) : 0;
        send(stream, all, from);
        if (follow) {
            follow(stream, sandboxes, name, started, all.size());
        }
    }

    private static void follow(NdjsonStream stream, SandboxService sandboxes, String name, ContainerDescription started,
                               int sent) throws InterruptedException {
        long quietSince = System.nanoTime();
        while (!stream.clientGone()) {
            Thread.sleep(POLL_MILLIS);
            try {
                ContainerDescription now = sandboxes.describe(name).main();
                boolean sameInstance = now.instance() == started.instance();
                // after a restart the instance's log was rotated to the previous one: send what is left of it
                List<LogLine> lines = sandboxes.logs(name, -1, !sameInstance);
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

    private static void send(NdjsonStream stream, List<LogLine> lines, int from) {
        for (LogLine line : lines.subList(from, lines.size())) {
            if (!stream.send(new LogEntry(line.time(), line.stream(), line.text()))) {
                return;
            }
        }
    }
}
