package dev.sandpod.api.secrets;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.core.SandpodException;

import java.io.IOException;
import java.util.Map;

/** {@code DELETE /v1/secrets/{name}}. */
public record RemoveSecret(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws SandpodException, IOException {
        String name = exchange.pathParam("name");
        context.secrets().remove(name);
        exchange.respond(200, Map.of("removed", name));
    }
}
