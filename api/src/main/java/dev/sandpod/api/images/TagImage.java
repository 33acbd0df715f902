package dev.sandpod.api.images;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.ApiProblem;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.TagRequest;
import dev.sandpod.image.ImageService;

/** {@code POST /v1/images/tag}: gives a stored image another name; answers 201 with the image and all its names. */
public record TagImage(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        TagRequest request = exchange.readJson(TagRequest.class);
        if (request.source() == null) {
            throw ApiProblem.missingField("source");
        }
        if (request.target() == null) {
            throw ApiProblem.missingField("target");
        }
        try (ImageService images = context.openImages()) {
            images.tag(request.source(), request.target());
            exchange.respond(201, ImageJson.of(images.resolve(request.target())));
        }
    }
}
