package dev.sandpod.api.images;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.LoadResult;
import dev.sandpod.image.ImageService;

import java.io.InputStream;

/**
 * {@code POST /v1/images/load[?name=NAME]}: the body is an image archive (docker save or OCI layout tar, maybe
 * compressed), streamed into the store, never held in memory; all its images or none. Errors call the archive
 * {@code name} (the CLI sends the file name the user gave), else "the uploaded archive".
 */
public record LoadImages(ApiContext context) implements Operation {
    static final String UNNAMED = "the uploaded archive";

    @Override
    public void handle(Exchange exchange) throws Exception {
        String name = exchange.query("name").filter(n -> !n.isBlank()).orElse(UNNAMED);
        try (ImageService images = context.openImages(); InputStream archive = exchange.body(context.options().maxArchiveBytes())) {
            exchange.respond(200, new LoadResult(images.load(archive, name).stream().map(ImageJson::of).toList()));
        }
    }
}
