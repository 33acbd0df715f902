package dev.sandpod.api.files;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.sandbox.SandboxFiles;

/**
 * {@code GET /v1/sandboxes/{name}/archive?path=&container=&follow=}: a file or directory tree as a tar stream, as
 * Docker's {@code GET /containers/{id}/archive}: entries named from the path's last component, or from {@code .}
 * for a path ending in {@code /.}.
 */
public record GetArchive(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        String path = FileParams.path(exchange);
        boolean follow = exchange.flag("follow");
        try (SandboxFiles files = context.sandboxes().files(exchange.pathParam("name"), FileParams.container(exchange))) {
            files.archive(path, follow, exchange.rawStream(200, Exchange.TAR));
        }
    }
}
