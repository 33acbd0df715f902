package dev.sandpod.runtime.files;

import dev.sandpod.core.sys.FileStat;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Opens a regular file for reading, following symlinks inside the root; anything else is refused before a byte is read. */
final class ReadFile {
    private final ConfinedRoot root;

    ReadFile(ConfinedRoot root) {
        this.root = root;
    }

    ReadableFile open(ContainerPath path, long maxBytes) throws FilesException {
        int fd = root.openPath(path, true);
        try {
            FileStat stat = root.stat(fd, path);
            FileKind kind = FileKind.of(stat.mode());
            if (kind == FileKind.DIRECTORY) {
                throw FilesException.isDirectory(path, root.where());
            }
            if (kind != FileKind.FILE) {
                // a FIFO would block the open, a device (/dev/zero) never end: regular files only
                throw FilesException.notRegular(path, kind, root.where());
            }
            if (stat.size() > maxBytes) {
                throw FilesException.tooLarge(path, maxBytes, root.where());
            }
            InputStream in;
            try {
                in = FdStreams.read(fd);
            } catch (IOException e) {
                throw FilesException.ioFailure("open", path, root.where(), e);
            }
            return new ReadableFile(FileInfo.of(path, stat, Optional.empty()), new Limited(in, maxBytes, path, root.where()));
        } finally {
            root.close(fd);
        }
    }

    /** Fails once more than {@code limit} bytes came: the file grew while it was read (procfs files have size 0). */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private final ContainerPath path;
        private final String where;
        private long seen;

        Limited(InputStream in, long limit, ContainerPath path, String where) {
            super(in);
            this.limit = limit;
            this.path = path;
            this.where = where;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                seen += n;
                if (seen > limit) {
                    throw new FileGrewException(FilesException.tooLarge(path, limit, where));
                }
            }
            return n;
        }
    }
}
