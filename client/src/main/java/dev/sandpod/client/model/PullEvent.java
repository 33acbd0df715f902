package dev.sandpod.client.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One line of a pull's progress stream ({@code application/x-ndjson}); {@code type} names the kind. The
 * last line is always {@link Pulled} or {@link Failed}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PullEvent.Resolved.class, name = "resolved"),
        @JsonSubTypes.Type(value = PullEvent.BlobStarted.class, name = "blobStarted"),
        @JsonSubTypes.Type(value = PullEvent.BlobProgress.class, name = "blobProgress"),
        @JsonSubTypes.Type(value = PullEvent.BlobDone.class, name = "blobDone"),
        @JsonSubTypes.Type(value = PullEvent.LayerUnpacked.class, name = "layerUnpacked"),
        @JsonSubTypes.Type(value = PullEvent.Pulled.class, name = "pulled"),
        @JsonSubTypes.Type(value = PullEvent.Failed.class, name = "failed")})
public sealed interface PullEvent {
    /** The reference was resolved to a manifest on a registry (or mirror). */
    record Resolved(String reference, String manifest, String source) implements PullEvent {
    }

    /** A blob's download started; {@code alreadyHave} bytes were kept from an earlier, broken-off try. */
    record BlobStarted(String blob, String kind, long size, long alreadyHave) implements PullEvent {
    }

    /** Bytes of a blob so far; sent at most a few times a second per blob. */
    record BlobProgress(String blob, long bytes) implements PullEvent {
    }

    /** A blob is in the store; {@code cached} when nothing had to be fetched. */
    record BlobDone(String blob, String kind, long size, boolean cached) implements PullEvent {
    }

    /** A layer is unpacked (or was already). */
    record LayerUnpacked(String blob, String chainId, boolean cached) implements PullEvent {
    }

    /** The last line of a pull that worked. */
    record Pulled(ImageSummary image) implements PullEvent {
    }

    /** The last line of a pull that failed. */
    record Failed(ApiError error) implements PullEvent {
    }
}
