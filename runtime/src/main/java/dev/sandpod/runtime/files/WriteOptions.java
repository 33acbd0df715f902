package dev.sandpod.runtime.files;

import java.time.Instant;
import java.util.Optional;

/**
 * How a file is written.
 *
 * @param mode          permission bits; empty: those of the file replaced, or 0644 for a new one
 * @param owner         empty: the owner of the file replaced, or {@code defaultOwner} for a new one
 * @param defaultOwner  the owner of new files (and of directories made with {@code createParents})
 * @param createParents make missing parent directories (0755, {@code owner} or {@code defaultOwner})
 * @param maxBytes      refuse content longer than this (nothing is replaced)
 * @param modified      the modification time to set; empty: now
 */
public record WriteOptions(Optional<Integer> mode, Optional<Owner> owner, Owner defaultOwner, boolean createParents,
                           long maxBytes, Optional<Instant> modified) {
    public static final int DEFAULT_FILE_MODE = 0644;
    public static final int DEFAULT_DIRECTORY_MODE = 0755;

    public WriteOptions {
        mode.ifPresent(WriteOptions::checkMode);
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0: " + maxBytes);
        }
    }

    public static WriteOptions defaults(Owner defaultOwner, long maxBytes) {
        return new WriteOptions(Optional.empty(), Optional.empty(), defaultOwner, false, maxBytes, Optional.empty());
    }

    public WriteOptions withMode(int m) {
        return new WriteOptions(Optional.of(m), owner, defaultOwner, createParents, maxBytes, modified);
    }

    public WriteOptions withOwner(Owner o) {
        return new WriteOptions(mode, Optional.of(o), defaultOwner, createParents, maxBytes, modified);
    }

    public WriteOptions withParents(boolean create) {
        return new WriteOptions(mode, owner, defaultOwner, create, maxBytes, modified);
    }

    public WriteOptions withModified(Instant at) {
        return new WriteOptions(mode, owner, defaultOwner, createParents, maxBytes, Optional.of(at));
    }

    /** The owner for things this write makes from nothing (the file, parent directories). */
    Owner ownerOfNew() {
        return owner.orElse(defaultOwner);
    }

    static void checkMode(int mode) {
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("a mode is permission bits 0 to 07777: " + Integer.toOctalString(mode));
        }
    }
}
