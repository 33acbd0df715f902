package dev.sandpod.image.store;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ref.Digest;

/** Content did not match the digest or size it was announced with; nothing of it was kept. */
public final class BlobVerificationException extends SandpodException {
    private final Digest expected;

    public BlobVerificationException(Digest expected, String origin, String problem) {
        super("blob " + expected + " from " + origin + " failed verification: " + problem,
                "the source served corrupt or tampered content; nothing was stored. Retry, and if it persists, re-push the image");
        this.expected = expected;
    }

    public Digest expected() {
        return expected;
    }
}
