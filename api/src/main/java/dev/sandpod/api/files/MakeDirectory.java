package dev.sandpod.api.files;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.sandbox.SandboxFiles;

/** {@code POST /v1/sandboxes/{name}/files/mkdir?path=&container=&parents=&mode=&owner=}: mkdir, or mkdir -p with parents. */
public record MakeDirectory(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        String path = FileParams.path(exchange);
        boolean parents = exchange.flag("parents");
        try (SandboxFiles files = context.sandboxes().files(exchange.pathParam("name"), FileParams.container(exchange))) {
            exchange.respond(200, FileJson.of(files.mkdir(path, parents, FileParams.mode(exchange), FileParams.owner(exchange))));
        }
    }
}
