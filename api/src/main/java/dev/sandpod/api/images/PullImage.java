package dev.sandpod.api.images;

import dev.sandpod.api.ApiContext;
import dev.sandpod.api.http.ApiProblem;
import dev.sandpod.api.http.ClientWatch;
import dev.sandpod.api.http.Exchange;
import dev.sandpod.api.http.NdjsonStream;
import dev.sandpod.api.http.Operation;
import dev.sandpod.client.model.PullEvent;
import dev.sandpod.client.model.PullRequest;
import dev.sandpod.image.ImageService;
import dev.sandpod.image.oci.Platform;
import dev.sandpod.image.ref.ImageRef;
import dev.sandpod.image.store.ImageRecord;

import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /v1/images/pull}: checks the request (reference, secret, platform) and answers a plain JSON
 * error if it is wrong; otherwise streams the pull's progress as NDJSON, whose last line is
 * {@code pulled} or {@code failed}. A client that goes away stops the pull ({@link ClientWatch}); the blobs it
 * fetched, whole or in part, stay for the next pull to resume.
 */
public record PullImage(ApiContext context) implements Operation {
    @Override
    public void handle(Exchange exchange) throws Exception {
        PullRequest request = exchange.readJson(PullRequest.class);
        if (request.reference() == null || request.reference().isBlank()) {
            throw ApiProblem.missingField("reference");
        }
        ImageRef.parse(request.reference());
        Optional<Platform> platform = platform(request.platform());
        Optional<String> secret = Optional.ofNullable(request.secret());
        if (secret.isPresent()) {
            context.secrets().get(secret.get());
        }
        try (ImageService images = context.openImages()) {
            NdjsonStream stream = exchange.stream(PullEvent.Failed::new);
            Optional<ImageRecord> image = ClientWatch.run(stream, "pull " + request.reference(),
                    () -> images.pull(request.reference(), secret, platform, new PullEvents(stream)));
            image.ifPresent(i -> stream.send(new PullEvent.Pulled(ImageJson.of(i))));
        }
    }

    private static Optional<Platform> platform(String text) throws ApiProblem {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Platform.parse(text));
        } catch (IllegalArgumentException e) {
            throw new ApiProblem(422, "InvalidField", e.getMessage(), "give it as OS/ARCH[/VARIANT], for example linux/amd64",
                    Map.of("field", "platform"));
        }
    }
}
