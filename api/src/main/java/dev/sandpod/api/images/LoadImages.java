package dev.sandpod.api.images;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.LoadResult;
import dev.sandpod.image.ImageService;

import java.io.InputStream;

/**
 * {@code POST /v1/images/load}: the body is an image archive (docker save or OCI layout tar, maybe
 * compressed), streamed into the store, never held in memory; all its images or none.
 */
public record LoadImages(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        try (ImageService images = context.openImages(); InputStream archive = exchange.body(context.options().maxArchiveBytes())) {
            exchange.respond(200, new LoadResult(images.load(archive, "the uploaded archive").stream().map(ImageJson::of).toList()));
        }
    }
}
