package dev.sandpod.client.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One line of a push's progress stream ({@code application/x-ndjson}); {@code type} names the kind. The
 * last line is always {@link Pushed} or {@link Failed}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PushEvent.BlobPushed.class, name = "blobPushed"),
        @JsonSubTypes.Type(value = PushEvent.Pushed.class, name = "pushed"),
        @JsonSubTypes.Type(value = PushEvent.Failed.class, name = "failed")})
public sealed interface PushEvent {
    /** A blob is in the registry; {@code uploaded} is false when the registry had it already. */
    record BlobPushed(String blob, boolean uploaded) implements PushEvent {
    }

    /** The last line of a push that worked: the manifest's digest in the registry. */
    record Pushed(String reference, String digest) implements PushEvent {
    }

    /** The last line of a push that failed. */
    record Failed(ApiError error) implements PushEvent {
    }
}
