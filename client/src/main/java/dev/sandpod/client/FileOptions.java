package dev.sandpod.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Options of the file calls of {@link SandpodClient}; each call uses the ones that apply to it and ignores the rest.
 * Start from {@link #DEFAULTS}: {@code FileOptions.DEFAULTS.withParents().withMode(0600).withOwner("app")}.
 *
 * @param container  a container of the sandbox by name or id; null: the main container
 * @param mode       permission bits for a written file or a made directory; null: the replaced file's, 0644, 0755
 * @param owner      user[:group] by name or id, resolved in the container; null: the replaced file's or the container's user
 * @param parents    make missing parent directories (write, mkdir -p)
 * @param recursive  remove a directory with everything in it
 * @param follow     stat or archive what a symlink at the path points to (inside the container), not the link
 * @param keepOwners an archive's entries keep their uid and gid (as {@code docker cp -a})
 * @param maxBytes   refuse files larger than this; null: the daemon's default, 1 GiB
 */
public record FileOptions(String container, Integer mode, String owner, boolean parents, boolean recursive,
                          boolean follow, boolean keepOwners, Long maxBytes) {
    public static final FileOptions DEFAULTS = new FileOptions(null, null, null, false, false, false, false, null);

    public FileOptions withContainer(String name) {
        return new FileOptions(name, mode, owner, parents, recursive, follow, keepOwners, maxBytes);
    }

    public FileOptions withMode(int bits) {
        return new FileOptions(container, bits, owner, parents, recursive, follow, keepOwners, maxBytes);
    }

    public FileOptions withOwner(String userAndGroup) {
        return new FileOptions(container, mode, userAndGroup, parents, recursive, follow, keepOwners, maxBytes);
    }

    public FileOptions withParents() {
        return new FileOptions(container, mode, owner, true, recursive, follow, keepOwners, maxBytes);
    }

    public FileOptions withRecursive() {
        return new FileOptions(container, mode, owner, parents, true, follow, keepOwners, maxBytes);
    }

    public FileOptions withFollow() {
        return new FileOptions(container, mode, owner, parents, recursive, true, keepOwners, maxBytes);
    }

    public FileOptions withKeepOwners() {
        return new FileOptions(container, mode, owner, parents, recursive, follow, true, maxBytes);
    }

    public FileOptions withMaxBytes(long limit) {
        return new FileOptions(container, mode, owner, parents, recursive, follow, keepOwners, limit);
    }

    /** The query string for {@code path} and these options, starting with '?'. */
    String query(String path) {
        List<String> q = new ArrayList<>();
        q.add("path=" + Paths.encodeQuery(path));
        if (container != null) {
            q.add("container=" + Paths.encodeQuery(container));
        }
        if (mode != null) {
            q.add("mode=" + Integer.toOctalString(mode));
        }
        if (owner != null) {
            q.add("owner=" + Paths.encodeQuery(owner));
        }
        if (parents) {
            q.add("parents=true");
        }
        if (recursive) {
            q.add("recursive=true");
        }
        if (follow) {
            q.add("follow=true");
        }
        if (keepOwners) {
            q.add("keepOwners=true");
        }
        if (maxBytes != null) {
            q.add("maxBytes=" + maxBytes);
        }
        return "?" + String.join("&", q);
    }
}
