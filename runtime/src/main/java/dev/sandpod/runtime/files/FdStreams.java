package dev.sandpod.runtime.files;

import dev.sandpod.core.sys.Syscalls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * JDK streams over files already opened (and so already resolved inside the root) by fd. Each reopens the very
 * inode the fd refers to through /proc/self/fd, which no rename or symlink swapped in afterwards can redirect.
 */
final class FdStreams {
    private FdStreams() {
    }

    static InputStream read(int fd) throws IOException {
        return Channels.newInputStream(FileChannel.open(Path.of(Syscalls.procPath(fd)), StandardOpenOption.READ));
    }

    static FileChannel readChannel(int fd) throws IOException {
        return FileChannel.open(Path.of(Syscalls.procPath(fd)), StandardOpenOption.READ);
    }

    static OutputStream write(int fd) throws IOException {
        return Channels.newOutputStream(FileChannel.open(Path.of(Syscalls.procPath(fd)), StandardOpenOption.WRITE));
    }

    /** An existing file opened for writing from its start, its old content dropped. */
    static FileChannel overwrite(int fd) throws IOException {
        return FileChannel.open(Path.of(Syscalls.procPath(fd)), StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
    }

    /** The names in the directory {@code fd} refers to, sorted (without . and ..). */
    static List<String> names(int dirFd) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Path.of(Syscalls.procPath(dirFd)))) {
            for (Path p : dir) {
                names.add(p.getFileName().toString());
            }
        }
        names.sort(null);
        return names;
    }
}
