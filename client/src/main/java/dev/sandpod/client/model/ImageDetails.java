package dev.sandpod.client.model;

import com.fasterxml.jackson.databind.JsonNode;

/** What {@code GET /v1/images/{ref}} answers: the stored image and its OCI config as stored. */
public record ImageDetails(ImageSummary image, JsonNode config) {
}
