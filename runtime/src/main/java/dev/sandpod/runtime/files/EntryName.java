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

    /**
     * {@code name} with its first component replaced when it is {@code from} (leading slashes and {@code ./} are
     * dropped first); other names are returned as they are.
     */
    static String rebased(String name, ExtractOptions.Rebase rebase) {
        String n = name;
        while (n.startsWith("/") || n.startsWith("./")) {
            n = n.substring(n.startsWith("/") ? 1 : 2);
        }
        if (n.equals(rebase.from()) || n.startsWith(rebase.from() + "/")) {
            return rebase.to() + n.substring(rebase.from().length());
        }
        return name;
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
