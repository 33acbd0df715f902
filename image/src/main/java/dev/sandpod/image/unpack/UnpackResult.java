package dev.sandpod.image.unpack;

import dev.sandpod.image.ref.Digest;

/**
 * What unpacking a layer did.
 *
 * @param entries      tar entries applied (whiteouts included)
 * @param bytesWritten bytes of regular-file content written
 * @param diffId       sha256 of the whole uncompressed tar stream, the OCI DiffID the image config lists
 */
public record UnpackResult(long entries, long bytesWritten, Digest diffId) {
}
