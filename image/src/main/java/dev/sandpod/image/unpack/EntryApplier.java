package dev.sandpod.image.unpack;

import dev.sandpod.core.FileTrees;

import static dev.sandpod.core.sys.Syscalls.AT_EMPTY_PATH;
import static dev.sandpod.core.sys.Syscalls.AT_SYMLINK_NOFOLLOW;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.SyscallException;
import dev.sandpod.core.sys.Syscalls;
import dev.sandpod.image.tar.EntryType;
import dev.sandpod.image.tar.TarEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes one tar entry on disk under an already-opened parent directory, following OCI changeset rules:
 * a later entry replaces an earlier one, whiteouts become overlayfs whiteouts.
 * Directory mtimes are collected and set by {@link #finishDirectoryTimes()}, since adding children changes them.
 */
final class EntryApplier {
    static final String OPAQUE_MARKER = ".wh..wh..opq";
    static final String WHITEOUT_PREFIX = ".wh.";
    static final String OVERLAY_OPAQUE = "trusted.overlay.opaque";
    /** overlayfs's own metadata; a layer may only ask for it through whiteout names. */
    private static final String OVERLAY_XATTR_PREFIX = "trusted.overlay.";

    private final Syscalls sys;
    private final LayerRoot root;
    private final String layerLabel;
    private final Map<EntryPath, Instant> directoryTimes = new LinkedHashMap<>();
    private long bytesWritten;

    EntryApplier(Syscalls sys, LayerRoot root, String layerLabel) {
        this.sys = sys;
        this.root = root;
        this.layerLabel = layerLabel;
    }

    long bytesWritten() {
        return bytesWritten;
    }

    void apply(TarEntry entry, InputStream content) throws UnsafeArchiveException, IOException {
        EntryPath path = EntryPath.clean(entry.name()).orElseThrow(() -> refuse(entry, "climbs out of the layer root with '..'"));
        if (path.isRoot()) {
            applyToRoot(entry);
            return;
        }
        String leaf = path.leaf();
        int parentFd = root.openDirectory(path.parent());
        try {
            if (leaf.equals(OPAQUE_MARKER)) {
                sys.lsetxattr(Syscalls.procPath(parentFd) + "/.", OVERLAY_OPAQUE, new byte[] {'y'});
            } else if (leaf.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
                return; // other .wh..wh. names are reserved (aufs metadata); OCI says to ignore them
            } else if (leaf.startsWith(WHITEOUT_PREFIX)) {
                whiteout(entry, parentFd, leaf.substring(WHITEOUT_PREFIX.length()));
            } else {
                create(entry, path, parentFd, leaf, content);
            }
        } finally {
            root.close(parentFd);
        }
    }

    /** Sets the collected directory mtimes; call once, after the last entry. */
    void finishDirectoryTimes() throws IOException {
        for (Map.Entry<EntryPath, Instant> d : directoryTimes.entrySet()) {
            int fd;
            try {
                fd = root.openExistingDirectory(d.getKey());
            } catch (SyscallException e) {
                if (e.is(Errno.ENOENT) || e.is(Errno.ENOTDIR)) {
                    continue; // a later entry replaced or removed this directory
                }
                throw e;
            }
            try {
                sys.utimensat(fd, ".", d.getValue(), d.getValue(), 0);
            } finally {
                root.close(fd);
            }
        }
    }

    private void applyToRoot(TarEntry entry) throws UnsafeArchiveException, IOException {
        if (entry.type() != EntryType.DIRECTORY) {
            throw refuse(entry, "would replace the layer root with a " + entry.type());
        }
        sys.fchownat(root.fd(), ".", entry.uid(), entry.gid(), 0);
        sys.fchmodat(root.fd(), ".", entry.mode());
        directoryTimes.put(new EntryPath(java.util.List.of()), entry.mtime());
    }

    private void whiteout(TarEntry entry, int parentFd, String hidden) throws UnsafeArchiveException, IOException {
        if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
            throw refuse(entry, "is a whiteout for no valid name");
        }
        removeExisting(parentFd, hidden, false);
        // overlayfs whiteout: a character device 0/0
        sys.mknodat(parentFd, hidden, Syscalls.S_IFCHR, Syscalls.makedev(0, 0));
    }

    private void create(TarEntry entry, EntryPath path, int parentFd, String leaf, InputStream content)
            throws UnsafeArchiveException, IOException {
        boolean isDirectory = entry.type() == EntryType.DIRECTORY;
        boolean keptDirectory = removeExisting(parentFd, leaf, isDirectory);
        Path target = LayerRoot.childPath(parentFd, leaf);
        switch (entry.type()) {
            case FILE -> writeFile(target, content);
            case DIRECTORY -> {
                if (!keptDirectory) {
                    Files.createDirectory(target);
                }
            }
            case SYMLINK -> {
                if (entry.linkName().isEmpty()) {
                    throw refuse(entry, "is a symlink with an empty target");
                }
                Files.createSymbolicLink(target, Path.of(entry.linkName()));
            }
            case HARDLINK -> {
                hardlink(entry, parentFd, leaf);
                return; // a hard link shares its target's inode, owner, mode and times
            }
            case CHAR_DEVICE -> sys.mknodat(parentFd, leaf, Syscalls.S_IFCHR | entry.mode() & 0777,
                    Syscalls.makedev(entry.devMajor(), entry.devMinor()));
            case BLOCK_DEVICE -> sys.mknodat(parentFd, leaf, Syscalls.S_IFBLK | entry.mode() & 0777,
                    Syscalls.makedev(entry.devMajor(), entry.devMinor()));
            case FIFO -> sys.mknodat(parentFd, leaf, Syscalls.S_IFIFO | entry.mode() & 0777, 0);
        }
        setMetadata(entry, path, parentFd, leaf);
    }

    private void writeFile(Path target, InputStream content) throws IOException {
        // CREATE_NEW is O_EXCL: never opens, and so never follows, something already at the name.
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            bytesWritten += content.transferTo(out);
        }
    }

    private void hardlink(TarEntry entry, int parentFd, String leaf) throws UnsafeArchiveException, IOException {
        EntryPath targetPath = EntryPath.clean(entry.linkName())
                .orElseThrow(() -> refuse(entry, "is a hard link to '" + entry.linkName() + "', which climbs out of the layer root"));
        if (targetPath.isRoot()) {
            throw refuse(entry, "is a hard link to the layer root");
        }
        int targetFd;
        try {
            targetFd = root.openNoFollow(targetPath);
        } catch (SyscallException e) {
            if (e.is(Errno.ENOENT) || e.is(Errno.ENOTDIR)) {
                throw refuse(entry, "is a hard link to '" + entry.linkName() + "', which this layer doesn't contain");
            }
            throw e;
        }
        try {
            sys.linkat(targetFd, "", parentFd, leaf, AT_EMPTY_PATH);
        } finally {
            root.close(targetFd);
        }
    }

    /** chown before chmod (chown clears setuid) and before xattrs (chown clears security.capability). */
    private void setMetadata(TarEntry entry, EntryPath path, int parentFd, String leaf)
            throws UnsafeArchiveException, IOException {
        sys.fchownat(parentFd, leaf, entry.uid(), entry.gid(), AT_SYMLINK_NOFOLLOW);
        if (entry.type() != EntryType.SYMLINK) {
            sys.fchmodat(parentFd, leaf, entry.mode()); // safe: we just made this name, and it isn't a symlink
        }
        String xattrPath = Syscalls.procPath(parentFd) + "/" + leaf;
        for (Map.Entry<String, byte[]> x : entry.xattrs().entrySet()) {
            if (x.getKey().startsWith(OVERLAY_XATTR_PREFIX)) {
                continue; // honouring these would let a layer forge overlayfs redirects and whiteouts
            }
            sys.lsetxattr(xattrPath, x.getKey(), xattrValue(entry, x.getKey(), x.getValue()));
        }
        if (entry.type() == EntryType.DIRECTORY) {
            directoryTimes.put(path, entry.mtime());
        } else {
            sys.utimensat(parentFd, leaf, entry.mtime(), entry.mtime(), AT_SYMLINK_NOFOLLOW);
        }
    }

    private byte[] xattrValue(TarEntry entry, String name, byte[] value) throws UnsafeArchiveException {
        if (!name.equals(FileCapabilities.XATTR)) {
            return value;
        }
        try {
            return FileCapabilities.withoutRootId(value);
        } catch (IllegalArgumentException e) {
            throw new UnsafeArchiveException(entry.name(), layerLabel, "has an invalid file capability: " + e.getMessage(), e);
        }
    }

    /**
     * Removes whatever is at {@code name} so a later entry replaces an earlier one; a directory is kept
     * (and true returned) when the new entry is a directory too, so only its metadata changes.
     */
    private boolean removeExisting(int parentFd, String name, boolean keepDirectory) throws IOException {
        Path existing = LayerRoot.childPath(parentFd, name);
        if (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (Files.isDirectory(existing, LinkOption.NOFOLLOW_LINKS)) {
            if (keepDirectory) {
                return true;
            }
            FileTrees.deleteTree(existing);
        } else {
            Files.delete(existing);
        }
        return false;
    }


    private UnsafeArchiveException refuse(TarEntry entry, String problem) {
        return new UnsafeArchiveException(entry.name(), layerLabel, problem);
    }
}
