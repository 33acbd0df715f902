package dev.sandpod.api.files;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.ArchiveResult;
import dev.sandpod.runtime.files.ExtractResult;
import dev.sandpod.sandbox.SandboxFiles;

import java.io.InputStream;

/**
 * {@code PUT /v1/sandboxes/{name}/archive?path=&container=&owner=&keepOwners=&maxBytes=}: unpacks the tar body
 * (streamed) into the existing directory {@code path}, as Docker's {@code PUT /containers/{id}/archive}. Entries are
 * owned by the container's user (or {@code owner}; {@code keepOwners} keeps the archive's ids); {@code maxBytes}
 * limits each file.
 */
public record PutArchive(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        String path = FileParams.path(exchange);
        long maxBytes = FileParams.maxBytes(exchange);
        boolean keepOwners = exchange.flag("keepOwners");
        try (SandboxFiles files = context.sandboxes().files(exchange.pathParam("name"), FileParams.container(exchange));
             InputStream body = exchange.body(context.options().maxArchiveBytes())) {
            ExtractResult result = files.extract(path, body, FileParams.owner(exchange), keepOwners, maxBytes);
            exchange.respond(200, new ArchiveResult(path, result.entries(), result.bytes()));
        }
    }
}
