package dev.sandpod.image.registry;

import java.io.InputStream;
import java.util.OptionalLong;

/**
 * A blob being downloaded. The caller reads {@link #body()} and closes this; a read that stalls longer than
 * the client's read time-out fails with a {@link java.net.SocketTimeoutException}.
 */
public final class BlobResponse implements AutoCloseable {
    private final InputStream body;
    private final long startOffset;
    private final OptionalLong contentLength;
    private final Runnable onClose;

    BlobResponse(InputStream body, long startOffset, OptionalLong contentLength, Runnable onClose) {
        this.body = body;
        this.startOffset = startOffset;
        this.contentLength = contentLength;
        this.onClose = onClose;
    }

    public InputStream body() {
        return body;
    }

    /** Where the body starts in the blob: the requested offset, or 0 if the registry ignored the range (200). */
    public long startOffset() {
        return startOffset;
    }

    /** The length of the body (not of the whole blob, for a range), if the registry said. */
    public OptionalLong contentLength() {
        return contentLength;
    }

    @Override
    public void close() {
        onClose.run();
    }
}
