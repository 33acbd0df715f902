package dev.sandpod.api.sandboxes;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;

import java.time.Duration;
import java.util.Map;

/** {@code POST /v1/sandboxes/{name}/stop?grace=S}: SIGTERM, SIGKILL after the grace (10 s by default); nothing restarts it. */
public record StopSandbox(ApiContext context) implements Operation {
    static final int DEFAULT_GRACE_SECONDS = 10;

    @Override
    public void handle(Exchange exchange) throws Exception {
        String name = exchange.pathParam("name");
        int grace = QueryParams.nonNegativeInt(exchange, "grace", DEFAULT_GRACE_SECONDS);
        context.sandboxes().stop(name, Duration.ofSeconds(grace));
        exchange.respond(200, Map.of("stopped", name));
    }
}
