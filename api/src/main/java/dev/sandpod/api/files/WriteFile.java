package dev.sandpod.api.files;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.ApiProblem;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.sandbox.SandboxFiles;

import java.io.InputStream;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code PUT /v1/sandboxes/{name}/files?path=&container=&mode=&owner=&parents=&maxBytes=}: the body (raw bytes,
 * streamed, never held in memory) becomes the whole file, or nothing changes. Answers the file as written.
 */
public record WriteFile(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        String path = FileParams.path(exchange);
        long maxBytes = FileParams.maxBytes(exchange);
        OptionalLong declared = exchange.declaredLength();
        if (declared.isPresent() && declared.getAsLong() > maxBytes) {
            // refused before a byte of the body is read
            throw new ApiProblem(413, "FileTooLarge", path + " would be " + declared.getAsLong()
                    + " bytes, larger than the limit of " + maxBytes + " bytes",
                    "raise the limit for this call (maxBytes; the default is 1 GiB)", Map.of("path", path, "limit", maxBytes));
        }
        try (SandboxFiles files = context.sandboxes().files(exchange.pathParam("name"), FileParams.container(exchange));
             InputStream body = exchange.body(Long.MAX_VALUE)) {
            exchange.respond(200, FileJson.of(files.write(path, body, FileParams.mode(exchange), FileParams.owner(exchange),
                    exchange.flag("parents"), maxBytes)));
        }
    }
}
