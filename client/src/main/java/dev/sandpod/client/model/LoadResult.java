package dev.sandpod.client.model;

import java.util.List;

/** What {@code POST /v1/images/load} answers: every image of the archive, in its order. */
public record LoadResult(List<ImageSummary> images) {
    public LoadResult {
        images = List.copyOf(images);
    }
}
