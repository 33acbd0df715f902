package dev.sandpod.image.tar;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes POSIX ustar entries, preceded by a PAX header when a field doesn't fit ustar: long or non-ASCII names,
 * big sizes or ids, sub-second mtimes, extended attributes (as binary {@code SCHILY.xattr.*} records).
 * It writes names exactly as given, including hostile ones, which is what tests need.
 * {@link #close()} ends the archive (two zero blocks) and flushes, but leaves the stream open: the caller owns it.
 */
public final class TarWriter implements Closeable {
    private final OutputStream out;
    private boolean closed;

    public TarWriter(OutputStream out) {
        this.out = out;
    }

    /** Adds one entry; {@code content} must supply exactly {@code entry.size()} bytes, and may be null if that is 0. */
    public void add(TarEntry entry, InputStream content) throws IOException {
        if (closed) {
            throw new IllegalStateException("the archive is already closed");
        }
        Map<String, byte[]> pax = paxRecords(entry);
        if (!pax.isEmpty()) {
            byte[] data = PaxRecords.format(pax);
            byte[] header = header(paxHeaderName(entry.name()), 'x', 0644, 0, 0, data.length, 0, "", "", "", 0, 0);
            out.write(header);
            out.write(data);
            out.write(new byte[(int) Ustar.padding(data.length)]);
        }
        out.write(header(entry.name(), typeFlag(entry.type()), entry.mode(), entry.uid(), entry.gid(), entry.size(),
                entry.mtime().getEpochSecond(), entry.linkName(), entry.uname(), entry.gname(),
                entry.devMajor(), entry.devMinor()));
        copyContent(entry, content);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            out.write(new byte[2 * Ustar.BLOCK]);
            out.flush();
        }
    }

    private void copyContent(TarEntry entry, InputStream content) throws IOException {
        long size = entry.size();
        if (size == 0) {
            return;
        }
        if (content == null) {
            throw new IllegalArgumentException("entry " + entry.name() + " has " + size + " bytes but no content");
        }
        byte[] buffer = new byte[64 * 1024];
        long left = size;
        while (left > 0) {
            int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("content of " + entry.name() + " ended " + left + " bytes before its size " + size);
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        if (content.read() >= 0) {
            throw new IOException("content of " + entry.name() + " is longer than its size " + size);
        }
        out.write(new byte[(int) Ustar.padding(size)]);
    }

    private static Map<String, byte[]> paxRecords(TarEntry entry) {
        Map<String, byte[]> pax = new LinkedHashMap<>();
        if (!fitsUstarString(entry.name(), Ustar.NAME_LEN)) {
            pax.put("path", PaxRecords.bytes(entry.name()));
        }
        if (!fitsUstarString(entry.linkName(), Ustar.NAME_LEN)) {
            pax.put("linkpath", PaxRecords.bytes(entry.linkName()));
        }
        if (!Ustar.fitsOctal(entry.size(), Ustar.TIMES_LEN)) {
            pax.put("size", PaxRecords.bytes(Long.toString(entry.size())));
        }
        if (!Ustar.fitsOctal(entry.uid(), Ustar.IDS_LEN)) {
            pax.put("uid", PaxRecords.bytes(Long.toString(entry.uid())));
        }
        if (!Ustar.fitsOctal(entry.gid(), Ustar.IDS_LEN)) {
            pax.put("gid", PaxRecords.bytes(Long.toString(entry.gid())));
        }
        if (!fitsUstarString(entry.uname(), Ustar.OWNER_NAME_LEN)) {
            pax.put("uname", PaxRecords.bytes(entry.uname()));
        }
        if (!fitsUstarString(entry.gname(), Ustar.OWNER_NAME_LEN)) {
            pax.put("gname", PaxRecords.bytes(entry.gname()));
        }
        if (entry.mtime().getNano() != 0 || !Ustar.fitsOctal(entry.mtime().getEpochSecond(), Ustar.TIMES_LEN)) {
            pax.put("mtime", PaxRecords.bytes(PaxRecords.formatTime(entry.mtime())));
        }
        entry.xattrs().forEach((name, value) -> pax.put(PaxRecords.XATTR_PREFIX + name, value));
        return pax;
    }

    /** ASCII that fits the field (a full-length field needs no NUL terminator). */
    private static boolean fitsUstarString(String value, int length) {
        return value.length() <= length && value.chars().allMatch(c -> c > 0 && c < 128);
    }

    private static String paxHeaderName(String name) {
        String base = name.replaceAll("/+$", "");
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^\\x21-\\x7e]", "_");
        String headerName = "PaxHeaders/" + base;
        return headerName.length() > Ustar.NAME_LEN ? headerName.substring(0, Ustar.NAME_LEN) : headerName;
    }

    private static byte[] header(String name, char type, int mode, long uid, long gid, long size, long mtime,
                                 String linkName, String uname, String gname, int devMajor, int devMinor) {
        byte[] block = new byte[Ustar.BLOCK];
        Ustar.formatString(block, Ustar.NAME, Ustar.NAME_LEN, ascii(name));
        Ustar.formatNumber(block, Ustar.MODE, Ustar.IDS_LEN, mode);
        // Values too big for octal are carried by the PAX header; the ustar field then holds 0.
        Ustar.formatNumber(block, Ustar.UID, Ustar.IDS_LEN, Ustar.fitsOctal(uid, Ustar.IDS_LEN) ? uid : 0);
        Ustar.formatNumber(block, Ustar.GID, Ustar.IDS_LEN, Ustar.fitsOctal(gid, Ustar.IDS_LEN) ? gid : 0);
        Ustar.formatNumber(block, Ustar.SIZE, Ustar.TIMES_LEN, Ustar.fitsOctal(size, Ustar.TIMES_LEN) ? size : 0);
        Ustar.formatNumber(block, Ustar.MTIME, Ustar.TIMES_LEN, Ustar.fitsOctal(mtime, Ustar.TIMES_LEN) ? mtime : 0);
        block[Ustar.TYPE] = (byte) type;
        Ustar.formatString(block, Ustar.LINKNAME, Ustar.NAME_LEN, ascii(linkName));
        System.arraycopy(Ustar.POSIX_MAGIC, 0, block, Ustar.MAGIC, Ustar.POSIX_MAGIC.length);
        Ustar.formatString(block, Ustar.UNAME, Ustar.OWNER_NAME_LEN, ascii(uname));
        Ustar.formatString(block, Ustar.GNAME, Ustar.OWNER_NAME_LEN, ascii(gname));
        Ustar.formatNumber(block, Ustar.DEVMAJOR, Ustar.IDS_LEN, devMajor);
        Ustar.formatNumber(block, Ustar.DEVMINOR, Ustar.IDS_LEN, devMinor);
        Ustar.writeChecksum(block);
        return block;
    }

    /** The ustar field's fallback text for readers without PAX support: non-ASCII becomes '_'. */
    private static byte[] ascii(String value) {
        return value.replaceAll("[^\\x01-\\x7f]", "_").getBytes(StandardCharsets.US_ASCII);
    }

    private static char typeFlag(EntryType type) {
        return switch (type) {
            case FILE -> '0';
            case HARDLINK -> '1';
            case SYMLINK -> '2';
            case CHAR_DEVICE -> '3';
            case BLOCK_DEVICE -> '4';
            case DIRECTORY -> '5';
            case FIFO -> '6';
        };
    }
}
