package dev.sandpod.api.images;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.ApiProblem;
import dev.sandpod.api.http.ClientWatch;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.NdjsonStream;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.PushEvent;
import dev.sandpod.client.model.PushRequest;
import dev.sandpod.image.ImageService;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.ref.ImageRef;

import java.util.Optional;

/**
 * {@code POST /v1/images/push}: checks the request (reference, stored image, secret) and answers a plain JSON
 * error if it is wrong; otherwise pushes the image to the registry its name points at, streaming one
 * {@code blobPushed} line per blob, and last {@code pushed} or {@code failed}. A client that goes away stops it.
 */
public record PushImage(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        PushRequest request = exchange.readJson(PushRequest.class);
        if (request.reference() == null || request.reference().isBlank()) {
            throw ApiProblem.missingField("reference");
        }
        ImageRef.parse(request.reference());
        Optional<String> secret = Optional.ofNullable(request.secret());
        if (secret.isPresent()) {
            context.secrets().get(secret.get());
        }
        try (ImageService images = context.openImages()) {
            images.resolve(request.reference());
            NdjsonStream stream = exchange.stream(PushEvent.Failed::new);
            Optional<Digest> digest = ClientWatch.run(stream, "push " + request.reference(),
                    () -> images.push(request.reference(), secret,
                            (blob, uploaded) -> stream.send(new PushEvent.BlobPushed(blob.toString(), uploaded))));
            digest.ifPresent(d -> stream.send(new PushEvent.Pushed(request.reference(), d.toString())));
        }
    }
}
