package dev.sandpod.api.sandboxes;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.SandboxList;

/** {@code GET /v1/sandboxes}: every sandbox with its main container's state, read from the runtime now. */
public record ListSandboxes(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        exchange.respond(200, new SandboxList(context.sandboxes().list().stream().map(SandboxJson::summary).toList()));
    }
}
