package dev.sandpod.api.images;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.RemoveResult;
import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;

import java.io.IOException;

/** {@code DELETE /v1/images/{ref}[?force=true]}: removes a name, and the image once no name is left. */
public record RemoveImage(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        boolean force = exchange.flag("force");
        try (ImageService images = context.openImages()) {
            exchange.respond(200, new RemoveResult(images.remove(exchange.pathParam("ref"), force)));
        }
    }
}
