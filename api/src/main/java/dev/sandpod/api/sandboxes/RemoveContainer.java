package dev.sandpod.api.sandboxes;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;

import java.util.Map;

/**
 * {@code DELETE /v1/sandboxes/{name}/containers/{container}?force=true}: removes a debug container and everything
 * it made; a running one needs force; the main container is refused (422: remove the sandbox instead).
 */
public record RemoveContainer(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        String name = exchange.pathParam("name");
        String container = exchange.pathParam("container");
        context.sandboxes().removeDebug(name, container, exchange.flag("force"));
        exchange.respond(200, Map.of("removed", container));
    }
}
