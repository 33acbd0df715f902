package dev.sandpod.client.model;

import java.util.List;

/**
 * A stored image, as {@code GET /v1/images} lists it (the same shape as {@code sandpod image ls -o json}).
 *
 * @param id       the manifest digest
 * @param names    references that point at it, such as docker.io/library/busybox:latest
 * @param config   the config blob's digest
 * @param platform os/arch[/variant]
 * @param size     bytes of its blobs as pulled
 * @param created  when it entered the store (ISO-8601)
 * @param lastUsed when it was last used (ISO-8601)
 */
public record ImageSummary(String id, List<String> names, String mediaType, String config, String platform, long size,
                           String created, String lastUsed, List<ImageLayer> layers) {
    public ImageSummary {
        names = names == null ? List.of() : List.copyOf(names);
        layers = layers == null ? List.of() : List.copyOf(layers);
    }
}
