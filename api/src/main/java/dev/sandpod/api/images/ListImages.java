package dev.sandpod.api.images;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.ImageList;
import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;

import java.io.IOException;

/** {@code GET /v1/images}. */
public record ListImages(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws SandpodException, IOException {
        try (ImageService images = context.openImages()) {
            exchange.respond(200, new ImageList(images.list().stream().map(ImageJson::of).toList()));
        }
    }
}
