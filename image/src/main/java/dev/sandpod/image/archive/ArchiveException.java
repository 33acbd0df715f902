package dev.sandpod.image.archive;

import dev.sandpod.core.SandpodException;

/** An image archive (docker save or OCI layout tar) is malformed or incomplete; nothing of it was kept. */
public final class ArchiveException extends SandpodException {
    public ArchiveException(String origin, String problem) {
        super("image archive " + origin + ": " + problem,
                "make the archive again with `docker save`, `podman save`, `skopeo copy ... oci-archive:` or `sandpod image save`");
    }

    public ArchiveException(String origin, String problem, Throwable cause) {
        super("image archive " + origin + ": " + problem,
                "make the archive again with `docker save`, `podman save`, `skopeo copy ... oci-archive:` or `sandpod image save`", cause);
    }
}
