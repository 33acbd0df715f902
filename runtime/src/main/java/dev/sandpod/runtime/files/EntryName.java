package dev.sandpod.runtime.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An archive entry's name as a path below the directory it is unpacked into, as tar does: leading slashes and
 * {@code .} components go, {@code ..} is applied; a name that would climb above the directory is refused (empty).
 * Where the result then leads (through symlinks) is up to openat2, confined to the container's root.
 */
final class EntryName {
    private EntryName() {
    }

    /** The relative path; empty if the name climbs out with {@code ..}. The directory itself is {@link ContainerPath#ROOT}. */
    static Optional<ContainerPath> below(String name) {
        List<String> parts = new ArrayList<>();
        for (String p : name.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.add(p);
            }
        }
        return Optional.of(new ContainerPath(parts));
    }
}
