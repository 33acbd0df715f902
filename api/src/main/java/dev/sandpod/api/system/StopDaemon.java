package dev.sandpod.api.system;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;

import java.io.IOException;
import java.util.Map;

/**
 * {@code POST /v1/daemon/stop}: answers 202, then stops the daemon gracefully (requests in flight get the
 * grace period). Stops the daemon only: containers, which later issues add, keep running.
 */
public record StopDaemon(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws IOException {
        exchange.respond(202, Map.of("stopping", true, "pid", ProcessHandle.current().pid()));
        Thread.ofPlatform().name("daemon-stop").start(context.stopDaemon());
    }
}
