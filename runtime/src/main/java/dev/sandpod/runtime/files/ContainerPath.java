package dev.sandpod.runtime.files;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A path inside a container's root as a caller gave it: relative paths are taken from {@code /}, empty and
 * {@code .} components are dropped, {@code ..} is kept for the kernel to resolve (openat2 clamps it at the root).
 * The text is only ever handed to openat2 with the container's root; it is never checked as a security boundary.
 */
public record ContainerPath(List<String> parts) {
    /** Linux's PATH_MAX, NUL included: longer paths can't be resolved anyway. */
    static final int MAX_BYTES = 4095;

    public ContainerPath {
        parts = List.copyOf(parts);
        for (String p : parts) {
            if (p.isEmpty() || p.equals(".") || p.indexOf('/') >= 0 || p.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("bad path component '" + p + "'");
            }
        }
    }

    public static final ContainerPath ROOT = new ContainerPath(List.of());

    /** @throws FilesException INVALID_PATH for an empty path, a NUL byte or one longer than PATH_MAX */
    public static ContainerPath parse(String text) throws FilesException {
        if (text == null || text.isEmpty()) {
            throw FilesException.invalidPath(text == null ? "" : text, "the path is empty");
        }
        if (text.indexOf('\0') >= 0) {
            throw FilesException.invalidPath(text.replace('\0', '?'), "the path holds a NUL byte");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw FilesException.invalidPath(text.substring(0, 40) + "...", "the path is longer than " + MAX_BYTES + " bytes");
        }
        List<String> parts = new ArrayList<>();
        for (String p : text.split("/")) {
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return new ContainerPath(parts);
    }

    /** Whether a path as written asks for a directory's contents rather than the directory (Docker's {@code /.} suffix). */
    public static boolean meansContents(String text) {
        return text.equals(".") || text.endsWith("/.");
    }

    public boolean isRoot() {
        return parts.isEmpty();
    }

    /** The last component; the root has none. */
    public String leaf() {
        if (isRoot()) {
            throw new IllegalStateException("the root has no leaf");
        }
        return parts.getLast();
    }

    public ContainerPath parent() {
        return isRoot() ? this : new ContainerPath(parts.subList(0, parts.size() - 1));
    }

    public ContainerPath child(String name) {
        List<String> more = new ArrayList<>(parts);
        more.add(name);
        return new ContainerPath(more);
    }

    /** This path followed by {@code relative}'s components. */
    public ContainerPath resolve(ContainerPath relative) {
        List<String> more = new ArrayList<>(parts);
        more.addAll(relative.parts);
        return new ContainerPath(more);
    }

    /** The first {@code n} components. */
    ContainerPath prefix(int n) {
        return new ContainerPath(parts.subList(0, n));
    }

    /** Whether the last component names something that can be made, removed or replaced (not the root, not {@code ..}). */
    public boolean hasNamedLeaf() {
        return !isRoot() && !leaf().equals("..");
    }

    /** The form openat2 gets, relative to the root fd. */
    String relative() {
        return isRoot() ? "." : String.join("/", parts);
    }

    @Override
    public String toString() {
        return "/" + String.join("/", parts);
    }
}
