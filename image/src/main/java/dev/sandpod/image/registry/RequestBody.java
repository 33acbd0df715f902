package dev.sandpod.image.registry;

import java.io.InputStream;

/**
 * A request body of known length, sent with fixed-length streaming so a large blob never sits in memory.
 * The content is a supplier so the body can be sent again after authenticating.
 */
record RequestBody(String contentType, long length, IOSupplier<InputStream> content) {
    static RequestBody of(String contentType, byte[] bytes) {
        return new RequestBody(contentType, bytes.length, () -> new java.io.ByteArrayInputStream(bytes));
    }
}
