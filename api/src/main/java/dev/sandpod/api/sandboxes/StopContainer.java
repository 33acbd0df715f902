package dev.sandpod.api.sandboxes;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;

import java.time.Duration;
import java.util.Map;

/**
 * {@code POST /v1/sandboxes/{name}/containers/{container}/stop?grace=S}: stops a debug container (SIGTERM, SIGKILL
 * after the grace, 10 s by default); the main container is refused (422: stop the sandbox instead).
 */
public record StopContainer(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        String name = exchange.pathParam("name");
        String container = exchange.pathParam("container");
        int grace = QueryParams.nonNegativeInt(exchange, "grace", StopSandbox.DEFAULT_GRACE_SECONDS);
        context.sandboxes().stopDebug(name, container, Duration.ofSeconds(grace));
        exchange.respond(200, Map.of("stopped", container));
    }
}
