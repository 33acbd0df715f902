package dev.sandpod.api.files;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.sandbox.SandboxFiles;

/** {@code GET /v1/sandboxes/{name}/files/stat?path=&container=&follow=}: what is at a path (a symlink itself unless follow). */
public record StatFile(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        String path = FileParams.path(exchange);
        boolean follow = exchange.flag("follow");
        try (SandboxFiles files = context.sandboxes().files(exchange.pathParam("name"), FileParams.container(exchange))) {
            exchange.respond(200, FileJson.of(files.stat(path, follow)));
        }
    }
}
