package dev.sandpod.api.images;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.ImageDetails;
import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;

import java.io.IOException;

/** {@code GET /v1/images/{ref}}: an image by name, digest or id prefix, with its config. */
public record InspectImage(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws SandpodException, IOException {
        try (ImageService images = context.openImages()) {
            ImageService.Details details = images.inspect(exchange.pathParam("ref"));
            exchange.respond(200, new ImageDetails(ImageJson.of(details.image()), details.config()));
        }
    }
}
