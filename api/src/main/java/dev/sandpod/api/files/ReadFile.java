package dev.sandpod.api.files;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.api.http.RawStream;
import dev.sandpod.runtime.files.FileGrewException;
import dev.sandpod.runtime.files.ReadableFile;
import dev.sandpod.sandbox.SandboxFiles;

/**
 * {@code GET /v1/sandboxes/{name}/files?path=&container=&maxBytes=}: a regular file's bytes, streamed
 * (application/octet-stream, chunked). Every refusal comes before the first byte as a JSON error.
 */
public record ReadFile(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        String path = FileParams.path(exchange);
        long maxBytes = FileParams.maxBytes(exchange);
        try (SandboxFiles files = context.sandboxes().files(exchange.pathParam("name"), FileParams.container(exchange));
             ReadableFile file = files.read(path, maxBytes)) {
            RawStream out = exchange.rawStream(200, Exchange.OCTET_STREAM);
            try {
                file.content().transferTo(out);
            } catch (FileGrewException e) {
                throw e.problem(); // a 413 if no byte went out yet; otherwise the handler cuts the stream
            }
            out.start(); // an empty file is still a 200
        }
    }
}
