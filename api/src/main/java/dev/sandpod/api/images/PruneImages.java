package dev.sandpod.api.images;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.PruneResult;
import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;

import java.io.IOException;

/** {@code POST /v1/images/prune}: removes unnamed, unused images, then every blob and layer nothing needs. */
public record PruneImages(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws SandpodException, IOException {
        try (ImageService images = context.openImages()) {
            ImageService.Pruned pruned = images.prune();
            exchange.respond(200, new PruneResult(pruned.images(), pruned.blobs(), pruned.layers(), pruned.bytesFreed()));
        }
    }
}
