package dev.sandpod.image.archive;

import dev.sandpod.image.ref.Digest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a streamed archive held, by path: small files in memory (they are the archive's own metadata, and
 * configs), large ones in the content store by digest. Symlinks and hard links (as newer `docker save` writes
 * for layer.tar) are followed by path.
 */
final class ArchiveContents {
    static final int SMALL = 1 << 20;
    private final Map<String, byte[]> small = new HashMap<>();
    private final Map<String, StoredFile> stored = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();
    private final Set<Digest> addedToStore = new HashSet<>();

    record StoredFile(Digest digest, long size) {
    }

    void putSmall(String path, byte[] bytes) {
        small.put(path, bytes);
    }

    void putStored(String path, Digest digest, long size, boolean newlyAdded) {
        stored.put(path, new StoredFile(digest, size));
        if (newlyAdded) {
            addedToStore.add(digest);
        }
    }

    void putLink(String path, String target) {
        links.put(path, target);
    }

    Optional<byte[]> small(String path) {
        return Optional.ofNullable(small.get(resolve(path)));
    }

    Optional<StoredFile> stored(String path) {
        return Optional.ofNullable(stored.get(resolve(path)));
    }

    boolean has(String path) {
        String p = resolve(path);
        return small.containsKey(p) || stored.containsKey(p);
    }

    Set<Digest> addedToStore() {
        return addedToStore;
    }

    /** Follows links (relative to the link's folder) a bounded number of times. */
    String resolve(String path) {
        String current = normalise(path);
        for (int hops = 0; hops < 16 && links.containsKey(current); hops++) {
            String target = links.get(current);
            int slash = current.lastIndexOf('/');
            current = normalise(target.startsWith("/") || slash < 0 ? target : current.substring(0, slash + 1) + target);
        }
        return current;
    }

    static String normalise(String path) {
        var parts = new java.util.ArrayDeque<String>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
