package dev.sandpod.image.tar;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One member of a tar archive, after PAX and GNU extension headers have been applied.
 *
 * @param name      the path as written in the archive (not cleaned: it may be absolute or contain '..')
 * @param mode      permission bits plus setuid (04000), setgid (02000) and sticky (01000); no file type bits
 * @param size      bytes of content; always 0 for types other than {@link EntryType#FILE}
 * @param linkName  symlink target or hard link target path; empty for other types
 * @param xattrs    extended attributes with binary values; copied in and out so the entry stays immutable
 */
public record TarEntry(String name, EntryType type, int mode, long uid, long gid, String uname, String gname,
                       long size, Instant mtime, String linkName, int devMajor, int devMinor,
                       Map<String, byte[]> xattrs) {

    public TarEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(uname, "uname");
        Objects.requireNonNull(gname, "gname");
        Objects.requireNonNull(mtime, "mtime");
        Objects.requireNonNull(linkName, "linkName");
        if ((mode & ~07777) != 0) {
            throw new IllegalArgumentException("mode has bits beyond 07777: " + Integer.toOctalString(mode));
        }
        if (size < 0 || uid < 0 || gid < 0 || devMajor < 0 || devMinor < 0) {
            throw new IllegalArgumentException("negative size, owner or device number in entry " + name);
        }
        if (size != 0 && !type.hasContent()) {
            throw new IllegalArgumentException(type + " entry " + name + " can't have content");
        }
        xattrs = copy(xattrs);
    }

    /** A regular file owned by root; its content is supplied separately. */
    public static TarEntry file(String name, int mode, long size) {
        return of(name, EntryType.FILE, mode).withSize(size);
    }

    public static TarEntry dir(String name) {
        return of(name, EntryType.DIRECTORY, 0755);
    }

    public static TarEntry symlink(String name, String target) {
        return of(name, EntryType.SYMLINK, 0777).withLinkName(target);
    }

    public static TarEntry hardlink(String name, String target) {
        return of(name, EntryType.HARDLINK, 0644).withLinkName(target);
    }

    public static TarEntry charDevice(String name, int major, int minor) {
        return of(name, EntryType.CHAR_DEVICE, 0666).withDevice(major, minor);
    }

    public static TarEntry blockDevice(String name, int major, int minor) {
        return of(name, EntryType.BLOCK_DEVICE, 0660).withDevice(major, minor);
    }

    public static TarEntry fifo(String name) {
        return of(name, EntryType.FIFO, 0644);
    }

    private static TarEntry of(String name, EntryType type, int mode) {
        return new TarEntry(name, type, mode, 0, 0, "", "", 0, Instant.EPOCH, "", 0, 0, Map.of());
    }

    public TarEntry withName(String newName) {
        return new TarEntry(newName, type, mode, uid, gid, uname, gname, size, mtime, linkName, devMajor, devMinor, xattrs);
    }

    public TarEntry withMode(int newMode) {
        return new TarEntry(name, type, newMode, uid, gid, uname, gname, size, mtime, linkName, devMajor, devMinor, xattrs);
    }

    public TarEntry withOwner(long newUid, long newGid) {
        return new TarEntry(name, type, mode, newUid, newGid, uname, gname, size, mtime, linkName, devMajor, devMinor, xattrs);
    }

    public TarEntry withOwnerNames(String newUname, String newGname) {
        return new TarEntry(name, type, mode, uid, gid, newUname, newGname, size, mtime, linkName, devMajor, devMinor, xattrs);
    }

    public TarEntry withSize(long newSize) {
        return new TarEntry(name, type, mode, uid, gid, uname, gname, newSize, mtime, linkName, devMajor, devMinor, xattrs);
    }

    public TarEntry withMtime(Instant newMtime) {
        return new TarEntry(name, type, mode, uid, gid, uname, gname, size, newMtime, linkName, devMajor, devMinor, xattrs);
    }

    public TarEntry withLinkName(String newLinkName) {
        return new TarEntry(name, type, mode, uid, gid, uname, gname, size, mtime, newLinkName, devMajor, devMinor, xattrs);
    }

    public TarEntry withDevice(int major, int minor) {
        return new TarEntry(name, type, mode, uid, gid, uname, gname, size, mtime, linkName, major, minor, xattrs);
    }

    public TarEntry withXattrs(Map<String, byte[]> newXattrs) {
        return new TarEntry(name, type, mode, uid, gid, uname, gname, size, mtime, linkName, devMajor, devMinor, newXattrs);
    }

    /** A copy with one more (or a replaced) extended attribute. */
    public TarEntry withXattr(String xattrName, byte[] value) {
        Map<String, byte[]> more = new TreeMap<>(xattrs);
        more.put(xattrName, value);
        return withXattrs(more);
    }

    /** A copy of the attribute names and values; changing it doesn't change this entry. */
    @Override
    public Map<String, byte[]> xattrs() {
        return copy(xattrs);
    }

    public Optional<byte[]> xattr(String xattrName) {
        byte[] value = xattrs.get(xattrName);
        return value == null ? Optional.empty() : Optional.of(value.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TarEntry e && name.equals(e.name) && type == e.type && mode == e.mode
                && uid == e.uid && gid == e.gid && uname.equals(e.uname) && gname.equals(e.gname)
                && size == e.size && mtime.equals(e.mtime) && linkName.equals(e.linkName)
                && devMajor == e.devMajor && devMinor == e.devMinor && sameXattrs(xattrs, e.xattrs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, mode, uid, gid, size, mtime, linkName, xattrs.keySet());
    }

    @Override
    public String toString() {
        return "TarEntry[" + type + " " + name + (linkName.isEmpty() ? "" : " -> " + linkName)
                + " mode=" + Integer.toOctalString(mode) + " owner=" + uid + ":" + gid + " size=" + size
                + " mtime=" + mtime + (xattrs.isEmpty() ? "" : " xattrs=" + xattrs.keySet()) + "]";
    }

    private static boolean sameXattrs(Map<String, byte[]> a, Map<String, byte[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        return a.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), b.get(e.getKey())));
    }

    private static Map<String, byte[]> copy(Map<String, byte[]> source) {
        Map<String, byte[]> copy = new TreeMap<>();
        source.forEach((k, v) -> copy.put(Objects.requireNonNull(k), v.clone()));
        return Collections.unmodifiableMap(copy);
    }
}
