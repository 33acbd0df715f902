package dev.sandpod.runtime.files;

import java.util.Optional;

/**
 * How an archive is unpacked into a container.
 *
 * @param owner        every entry's owner; empty: each entry's own uid and gid from the archive
 * @param maxFileBytes refuse an entry with more content than this, before any of it is written
 * @param rebase       entries whose first name component is {@code from} get {@code to} instead: a copy that gets
 *                     another name at its destination (Docker's "rebase")
 */
public record ExtractOptions(Optional<Owner> owner, long maxFileBytes, Optional<Rebase> rebase) {
    /** Renames an archive's top component: {@code app/x} becomes {@code copy/x} for {@code new Rebase("app", "copy")}. */
    public record Rebase(String from, String to) {
        public Rebase {
            if (from.isEmpty() || to.isEmpty() || to.contains("/") || to.equals("..") || from.contains("/")) {
                throw new IllegalArgumentException("a rebase renames one path component: '" + from + "' to '" + to + "'");
            }
        }
    }

    public ExtractOptions {
        if (maxFileBytes < 0) {
            throw new IllegalArgumentException("maxFileBytes must be >= 0: " + maxFileBytes);
        }
    }

    public ExtractOptions(Optional<Owner> owner, long maxFileBytes) {
        this(owner, maxFileBytes, Optional.empty());
    }
}
