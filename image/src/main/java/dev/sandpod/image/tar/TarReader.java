package dev.sandpod.image.tar;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads ustar, old GNU and PAX archives one entry at a time.
 * GNU long names ('L', 'K'), PAX local ('x') and global ('g') headers are folded into the entry they describe;
 * {@code SCHILY.xattr.*} values stay raw bytes. Anything malformed is a {@link CorruptArchiveException}.
 * {@link #close()} closes the underlying stream.
 */
public final class TarReader implements Closeable {
    /** Extension headers are held in memory; real ones are a few KiB. */
    static final int MAX_EXTENSION_SIZE = 16 * 1024 * 1024;

    private final BlockInput in;
    private final Map<String, byte[]> globalPax = new LinkedHashMap<>();
    private boolean ended;
    private TarEntry current;
    private long remaining;
    private long padding;
    private InputStream content = InputStream.nullInputStream();

    public TarReader(InputStream in) {
        this.in = new BlockInput(in);
    }

    /** The next entry, or empty at the end of the archive (two zero blocks or end of stream). */
    public Optional<TarEntry> next() throws IOException {
        if (ended) {
            return Optional.empty();
        }
        skipRestOfEntry();
        Map<String, byte[]> localPax = new LinkedHashMap<>();
        String longName = null;
        String longLink = null;
        while (true) {
            long headerOffset = in.offset();
            byte[] block = new byte[Ustar.BLOCK];
            int n = in.readFully(block, 0, Ustar.BLOCK);
            boolean pendingExtension = longName != null || longLink != null || !localPax.isEmpty();
            if (n == 0 && !pendingExtension) {
                return end();
            }
            if (n < Ustar.BLOCK) {
                throw new CorruptArchiveException("truncated header (" + n + " of 512 bytes)",
                        longName == null ? "" : longName, headerOffset);
            }
            if (Ustar.isZero(block)) {
                if (pendingExtension) {
                    throw new CorruptArchiveException("archive ends right after an extension header", "", headerOffset);
                }
                return endAfterZeroBlock();
            }
            String headerName = Ustar.parseString(block, Ustar.NAME, Ustar.NAME_LEN);
            try {
                if (!Ustar.checksumMatches(block)) {
                    throw new CorruptArchiveException("header checksum mismatch", headerName, headerOffset);
                }
                long size = Ustar.parseNumber(block, Ustar.SIZE, Ustar.TIMES_LEN, "size");
                char type = (char) (block[Ustar.TYPE] & 0xff);
                switch (type) {
                    case 'x' -> localPax.putAll(PaxRecords.parse(readExtension(size, headerName, headerOffset)));
                    case 'g' -> mergeGlobal(PaxRecords.parse(readExtension(size, headerName, headerOffset)));
                    case 'L' -> longName = cString(readExtension(size, headerName, headerOffset));
                    case 'K' -> longLink = cString(readExtension(size, headerName, headerOffset));
                    default -> {
                        Map<String, byte[]> pax = new LinkedHashMap<>(globalPax);
                        localPax.forEach((k, v) -> {
                            if (v.length == 0) {
                                pax.remove(k); // an empty local value cancels the global one
                            } else {
                                pax.put(k, v);
                            }
                        });
                        current = entry(block, type, size, longName, longLink, pax, headerName, headerOffset);
                        remaining = current.size();
                        padding = Ustar.padding(remaining);
                        content = new EntryContent();
                        return Optional.of(current);
                    }
                }
            } catch (Ustar.BadField e) {
                throw new CorruptArchiveException(e.getMessage(), longName == null ? headerName : longName, headerOffset);
            }
        }
    }

    /** The current entry's data, ending after {@code size} bytes; data left unread is skipped by {@link #next()}. */
    public InputStream content() {
        return content;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private Optional<TarEntry> end() {
        ended = true;
        current = null;
        content = InputStream.nullInputStream();
        return Optional.empty();
    }

    private Optional<TarEntry> endAfterZeroBlock() throws IOException {
        long offset = in.offset();
        byte[] second = new byte[Ustar.BLOCK];
        int n = in.readFully(second, 0, Ustar.BLOCK);
        if (n == 0 || (n == Ustar.BLOCK && Ustar.isZero(second))) {
            return end();
        }
        throw new CorruptArchiveException("a single zero block is followed by more data", "", offset);
    }

    private void mergeGlobal(Map<String, byte[]> records) {
        records.forEach((k, v) -> {
            if (v.length == 0) {
                globalPax.remove(k);
            } else {
                globalPax.put(k, v);
            }
        });
    }

    private byte[] readExtension(long size, String name, long headerOffset) throws IOException {
        if (size > MAX_EXTENSION_SIZE) {
            throw new CorruptArchiveException("extension header of " + size + " bytes is larger than the "
                    + MAX_EXTENSION_SIZE + " bytes allowed", name, headerOffset);
        }
        byte[] data = new byte[(int) size];
        int n = in.readFully(data, 0, data.length);
        long pad = Ustar.padding(size);
        if (n < size || in.discard(pad) < pad) {
            throw new CorruptArchiveException("truncated extension header data", name, in.offset());
        }
        return data;
    }

    private TarEntry entry(byte[] block, char typeFlag, long headerSize, String longName, String longLink,
                           Map<String, byte[]> pax, String headerName, long headerOffset)
            throws Ustar.BadField, CorruptArchiveException {
        boolean posix = Arrays.equals(block, Ustar.MAGIC, Ustar.MAGIC + 6, Ustar.POSIX_MAGIC, 0, 6);
        String name = headerName;
        String prefix = posix ? Ustar.parseString(block, Ustar.PREFIX, Ustar.PREFIX_LEN) : "";
        if (!prefix.isEmpty()) {
            name = prefix + "/" + name;
        }
        if (longName != null) {
            name = longName;
        }
        String linkName = longLink != null ? longLink : Ustar.parseString(block, Ustar.LINKNAME, Ustar.NAME_LEN);
        EntryType type = switch (typeFlag) {
            case '0', '\0', '7' -> name.endsWith("/") ? EntryType.DIRECTORY : EntryType.FILE;
            case '1' -> EntryType.HARDLINK;
            case '2' -> EntryType.SYMLINK;
            case '3' -> EntryType.CHAR_DEVICE;
            case '4' -> EntryType.BLOCK_DEVICE;
            case '5' -> EntryType.DIRECTORY;
            case '6' -> EntryType.FIFO;
            default -> throw new CorruptArchiveException("unsupported entry type '" + typeFlag + "'", name, headerOffset);
        };
        int mode = (int) (Ustar.parseNumber(block, Ustar.MODE, Ustar.IDS_LEN, "mode") & 07777);
        long uid = Ustar.parseNumber(block, Ustar.UID, Ustar.IDS_LEN, "uid");
        long gid = Ustar.parseNumber(block, Ustar.GID, Ustar.IDS_LEN, "gid");
        Instant mtime = Instant.ofEpochSecond(Ustar.parseNumber(block, Ustar.MTIME, Ustar.TIMES_LEN, "mtime"));
        String uname = Ustar.parseString(block, Ustar.UNAME, Ustar.OWNER_NAME_LEN);
        String gname = Ustar.parseString(block, Ustar.GNAME, Ustar.OWNER_NAME_LEN);
        boolean device = type == EntryType.CHAR_DEVICE || type == EntryType.BLOCK_DEVICE;
        long devMajor = device ? Ustar.parseNumber(block, Ustar.DEVMAJOR, Ustar.IDS_LEN, "devmajor") : 0;
        long devMinor = device ? Ustar.parseNumber(block, Ustar.DEVMINOR, Ustar.IDS_LEN, "devminor") : 0;
        long size = headerSize;
        Map<String, byte[]> xattrs = new TreeMap<>();
        for (Map.Entry<String, byte[]> record : pax.entrySet()) {
            byte[] v = record.getValue();
            switch (record.getKey()) {
                case "path" -> name = PaxRecords.text(v);
                case "linkpath" -> linkName = PaxRecords.text(v);
                case "size" -> size = PaxRecords.decimal(v, "size");
                case "uid" -> uid = PaxRecords.decimal(v, "uid");
                case "gid" -> gid = PaxRecords.decimal(v, "gid");
                case "uname" -> uname = PaxRecords.text(v);
                case "gname" -> gname = PaxRecords.text(v);
                case "mtime" -> mtime = PaxRecords.time(v, "mtime");
                case "SCHILY.devmajor" -> devMajor = device ? PaxRecords.decimal(v, "SCHILY.devmajor") : 0;
                case "SCHILY.devminor" -> devMinor = device ? PaxRecords.decimal(v, "SCHILY.devminor") : 0;
                default -> {
                    if (record.getKey().startsWith(PaxRecords.XATTR_PREFIX)) {
                        xattrs.put(record.getKey().substring(PaxRecords.XATTR_PREFIX.length()), v);
                    }
                }
            }
        }
        if (size < 0 || uid < 0 || gid < 0 || uid > 0xffff_ffffL || gid > 0xffff_ffffL) {
            throw new CorruptArchiveException("negative size or owner out of range", name, headerOffset);
        }
        if (devMajor < 0 || devMajor > Integer.MAX_VALUE || devMinor < 0 || devMinor > Integer.MAX_VALUE) {
            throw new CorruptArchiveException("device number out of range", name, headerOffset);
        }
        // Only regular files carry data; other types' size fields are ignored, as POSIX allows.
        long dataSize = type.hasContent() ? size : 0;
        return new TarEntry(name, type, mode, uid, gid, uname, gname, dataSize, mtime, linkName,
                (int) devMajor, (int) devMinor, xattrs);
    }

    private void skipRestOfEntry() throws IOException {
        long toSkip = remaining + padding;
        if (toSkip > 0 && in.discard(toSkip) < toSkip) {
            throw new CorruptArchiveException("truncated data", current.name(), in.offset());
        }
        remaining = 0;
        padding = 0;
    }

    private static String cString(byte[] data) {
        return Ustar.parseString(data, 0, data.length);
    }

    /** The current entry's bytes; a short read before its end is a corrupt archive, not a silent EOF. */
    private final class EntryContent extends InputStream {
        private final TarEntry entry = current;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (entry != current || remaining == 0) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n < 0) {
                throw new CorruptArchiveException("truncated data: " + remaining + " bytes missing",
                        entry.name(), in.offset());
            }
            remaining -= n;
            return n;
        }
    }
}
