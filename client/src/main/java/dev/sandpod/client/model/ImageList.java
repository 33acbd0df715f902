package dev.sandpod.client.model;

import java.util.List;

/** What {@code GET /v1/images} answers. */
public record ImageList(List<ImageSummary> images) {
    public ImageList {
        images = List.copyOf(images);
    }
}
