package dev.sandpod.runtime.files;

import java.util.Optional;

/**
 * How an archive is unpacked into a container.
 *
 * @param owner        every entry's owner; empty: each entry's own uid and gid from the archive
 * @param maxFileBytes refuse an entry with more content than this, before any of it is written
 */
public record ExtractOptions(Optional<Owner> owner, long maxFileBytes) {
    public ExtractOptions {
        if (maxFileBytes < 0) {
            throw new IllegalArgumentException("maxFileBytes must be >= 0: " + maxFileBytes);
        }
    }
}
