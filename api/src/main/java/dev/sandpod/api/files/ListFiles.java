package dev.sandpod.api.files;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.FileList;
import dev.sandpod.sandbox.SandboxFiles;

/** {@code GET /v1/sandboxes/{name}/files/list?path=&container=}: a directory's entries, sorted by name. */
public record ListFiles(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        String path = FileParams.path(exchange);
        try (SandboxFiles files = context.sandboxes().files(exchange.pathParam("name"), FileParams.container(exchange))) {
            exchange.respond(200, new FileList(path, files.list(path).stream().map(FileJson::of).toList()));
        }
    }
}
