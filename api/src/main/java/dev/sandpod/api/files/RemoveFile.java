package dev.sandpod.api.files;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.sandbox.SandboxFiles;

import java.util.Map;

/**
 * {@code DELETE /v1/sandboxes/{name}/files?path=&container=&recursive=}: removes a file, a symlink (never its
 * target) or an empty directory; with recursive, any directory, without crossing a mount point.
 */
public record RemoveFile(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        String path = FileParams.path(exchange);
        boolean recursive = exchange.flag("recursive");
        try (SandboxFiles files = context.sandboxes().files(exchange.pathParam("name"), FileParams.container(exchange))) {
            files.remove(path, recursive);
        }
        exchange.respond(200, Map.of("removed", path));
    }
}
