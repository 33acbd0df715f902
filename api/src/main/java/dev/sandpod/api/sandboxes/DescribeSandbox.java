package dev.sandpod.api.sandboxes;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;

/** {@code GET /v1/sandboxes/{name}}: by name or id, state read from the runtime now, with the recent events. */
public record DescribeSandbox(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        exchange.respond(200, SandboxJson.details(context.sandboxes().describe(exchange.pathParam("name"))));
    }
}
