package dev.sandpod.api.images;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.ApiProblem;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.SaveRequest;
import dev.sandpod.image.ImageService;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /v1/images/save}: the named images as one tar (OCI layout plus docker manifest.json), streamed as it
 * is written, never held in memory. Every name is resolved first, so an unknown one is a plain 404; a failure
 * later breaks the answer off.
 */
public record SaveImages(ApiContext context) implements Operation {
    public static final String TAR = "application/x-tar";

    @Override
    public void handle(Exchange exchange) throws Exception {
        List<String> references = exchange.readJson(SaveRequest.class).references();
        if (references == null) {
            throw ApiProblem.missingField("references");
        }
        if (references.isEmpty()) {
            throw ApiProblem.badRequest("InvalidField", "field 'references' is empty; name at least one image",
                    null, Map.of("field", "references"));
        }
        for (int i = 0; i < references.size(); i++) {
            if (references.get(i) == null || references.get(i).isBlank()) {
                throw ApiProblem.badRequest("InvalidField", "field 'references[" + i + "]' is empty; it must name an image",
                        null, Map.of("field", "references[" + i + "]"));
            }
        }
        try (ImageService images = context.openImages()) {
            for (String reference : references) {
                images.resolve(reference);
            }
            OutputStream out = new BufferedOutputStream(exchange.binary(TAR), 1 << 16);
            images.save(references, out);
            out.flush();
        }
    }
}
