package dev.sandpod.api.sandboxes;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;

import java.util.Map;

/** {@code DELETE /v1/sandboxes/{name}?force=true}: removes everything the sandbox made; running needs force. */
public record RemoveSandbox(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        String name = exchange.pathParam("name");
        context.sandboxes().remove(name, exchange.flag("force"));
        exchange.respond(200, Map.of("removed", name));
    }
}
