package dev.sandpod.image.unpack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * An archive name cleaned lexically, relative to the layer root: leading '/' and './' dropped, '.' and empty
 * components removed, '..' applied. A name that climbs above the root has no EntryPath.
 */
record EntryPath(List<String> parts) {

    static Optional<EntryPath> clean(String name) {
        Deque<String> stack = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (stack.isEmpty()) {
                    return Optional.empty();
                }
                stack.removeLast();
            } else {
                stack.addLast(part);
            }
        }
        return Optional.of(new EntryPath(List.copyOf(stack)));
    }

    /** Like {@link #clean}, but '..' at the root stays at the root, as a symlink target resolves in a chroot. */
    static EntryPath cleanInRoot(String name) {
        Deque<String> stack = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                stack.pollLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                stack.addLast(part);
            }
        }
        return new EntryPath(List.copyOf(stack));
    }

    boolean isRoot() {
        return parts.isEmpty();
    }

    String leaf() {
        return parts.getLast();
    }

    EntryPath parent() {
        return new EntryPath(parts.subList(0, parts.size() - 1));
    }

    /** Relative path text for openat2; "." for the root. */
    @Override
    public String toString() {
        return parts.isEmpty() ? "." : String.join("/", parts);
    }
}
