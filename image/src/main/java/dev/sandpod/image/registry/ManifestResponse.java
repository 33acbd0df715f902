package dev.sandpod.image.registry;

import dev.sandpod.image.ref.Digest;
import java.util.Arrays;
import java.util.Objects;

/** A manifest or index as the registry sent it, its media type, and the digest computed over its bytes. */
public record ManifestResponse(byte[] bytes, String mediaType, Digest digest) {
    public ManifestResponse {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ManifestResponse m && Arrays.equals(bytes, m.bytes) && mediaType.equals(m.mediaType) && digest.equals(m.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(bytes), mediaType, digest);
    }

    @Override
    public String toString() {
        return "ManifestResponse[" + mediaType + ", " + digest + ", " + bytes.length + " bytes]";
    }
}
