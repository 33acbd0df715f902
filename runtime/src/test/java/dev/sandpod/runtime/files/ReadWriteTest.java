package dev.sandpod.runtime.files;

import static dev.sandpod.runtime.files.LocalRoot.p;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading and writing files of a directory confined as a root, on the real file system (as root). */
class ReadWriteTest extends LocalRootTest {
    static byte[] everyByteValue(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 7 + i / 256);
        }
        return data;
    }

    private WriteOptions options() {
        return WriteOptions.defaults(new Owner(0, 0), ContainerFiles.DEFAULT_MAX_BYTES);
    }

    private byte[] read(String path) throws Exception {
        try (ReadableFile f = files.read(p(path), ContainerFiles.DEFAULT_MAX_BYTES)) {
            return f.content().readAllBytes();
        }
    }

    private List<String> namesIn(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void binaryContentRoundTripsByteForByte() throws Exception {
        byte[] data = everyByteValue(3 << 20);
        FileInfo written = files.write(p("/data.bin"), new ByteArrayInputStream(data), options());

        assertEquals(data.length, written.size());
        assertArrayEquals(data, read("/data.bin"));
        assertArrayEquals(data, Files.readAllBytes(local.root.resolve("data.bin")));
    }

    @Test
    void aNewFileGetsMode0644AndTheDefaultOwnerUnlessGiven() throws Exception {
        FileInfo plain = files.write(p("/plain"), InputStream.nullInputStream(),
                WriteOptions.defaults(new Owner(1000, 1001), 100));
        assertEquals(0644, plain.permissions());
        assertEquals(1000, plain.uid());
        assertEquals(1001, plain.gid());

        FileInfo given = files.write(p("/given"), InputStream.nullInputStream(), options().withMode(04750).withOwner(new Owner(7, 8)));
        assertEquals(04750, given.permissions(), "setuid survives: chmod comes after chown");
        assertEquals(7, given.uid());
        assertEquals(8, given.gid());
        assertEquals(04750, (int) Files.getAttribute(local.root.resolve("given"), "unix:mode") & 07777);
    }

    @Test
    void replacingAFileKeepsItsModeAndOwnerUnlessGiven() throws Exception {
        files.write(p("/f"), new ByteArrayInputStream("old".getBytes()), options().withMode(0600).withOwner(new Owner(5, 6)));
        FileInfo again = files.write(p("/f"), new ByteArrayInputStream("new".getBytes()), options());
        assertEquals(0600, again.permissions());
        assertEquals(5, again.uid());
        assertEquals("new", Files.readString(local.root.resolve("f")));
    }

    @Test
    void missingParentsAreMadeOnlyWhenAsked() throws Exception {
        FilesException e = assertThrows(FilesException.class,
                () -> files.write(p("/a/b/c.txt"), InputStream.nullInputStream(), options()));
        assertEquals(FilesException.Problem.NOT_FOUND, e.problem());
        assertEquals("/a/b", e.path(), "names the missing directory");

        files.write(p("/a/b/c.txt"), new ByteArrayInputStream("x".getBytes()), options().withParents(true).withOwner(new Owner(3, 4)));
        assertEquals("x", Files.readString(local.root.resolve("a/b/c.txt")));
        assertEquals(3, Files.getAttribute(local.root.resolve("a/b"), "unix:uid"));
        assertEquals(0755, (int) Files.getAttribute(local.root.resolve("a/b"), "unix:mode") & 07777);
    }

    @Test
    void aWriteThatFailsMidwayLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        files.write(p("/keep"), new ByteArrayInputStream("precious".getBytes()), options());
        InputStream breaking = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 100_000) {
                    throw new IOException("the client went away");
                }
                return 'x';
            }
        };
        assertThrows(IOException.class, () -> files.write(p("/keep"), breaking, options()));

        assertEquals("precious", Files.readString(local.root.resolve("keep")));
        assertEquals(List.of("keep"), namesIn(local.root));
    }

    @Test
    void contentOverTheLimitIsTooLargeAndChangesNothing() throws Exception {
        files.write(p("/keep"), new ByteArrayInputStream("precious".getBytes()), options());
        FilesException e = assertThrows(FilesException.class, () -> files.write(p("/keep"),
                new ByteArrayInputStream(new byte[1001]), WriteOptions.defaults(Owner.ROOT, 1000)));
        assertEquals(FilesException.Problem.TOO_LARGE, e.problem());
        assertEquals(1000L, e.details().get("limit"));
        assertTrue(e.getMessage().contains("/keep"), e.getMessage());
        assertEquals("precious", Files.readString(local.root.resolve("keep")));
        assertEquals(List.of("keep"), namesIn(local.root));
    }

    @Test
    void aSymlinkAtTheTargetIsReplacedNotFollowed() throws Exception {
        Files.createSymbolicLink(local.root.resolve("link"), local.outside.resolve("secret"));
        files.write(p("/link"), new ByteArrayInputStream("mine".getBytes()), options());

        assertEquals("mine", Files.readString(local.root.resolve("link")));
        assertTrue(Files.isRegularFile(local.root.resolve("link"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(LocalRoot.SECRET, Files.readString(local.outside.resolve("secret")));
    }

    @Test
    void writingOverADirectoryIsIsADirectory() throws Exception {
        Files.createDirectories(local.root.resolve("d"));
        FilesException e = assertThrows(FilesException.class,
                () -> files.write(p("/d"), InputStream.nullInputStream(), options()));
        assertEquals(FilesException.Problem.IS_A_DIRECTORY, e.problem());
        assertEquals(FilesException.Problem.IS_A_DIRECTORY, assertThrows(FilesException.class,
                () -> files.write(p("/"), InputStream.nullInputStream(), options())).problem());
    }

    @Test
    void readingADirectoryAFifoOrAMissingFileFailsNamingThePath() throws Exception {
        Files.createDirectories(local.root.resolve("d"));
        new ProcessBuilder("mkfifo", local.root.resolve("fifo").toString()).start().waitFor();

        FilesException dir = assertThrows(FilesException.class, () -> files.read(p("/d"), 10));
        assertEquals(FilesException.Problem.IS_A_DIRECTORY, dir.problem());
        FilesException fifo = assertThrows(FilesException.class, () -> files.read(p("/fifo"), 10));
        assertEquals(FilesException.Problem.NOT_A_REGULAR_FILE, fifo.problem(), "refused, never opened (it would block)");
        assertEquals("fifo", fifo.details().get("type"));
        FilesException missing = assertThrows(FilesException.class, () -> files.read(p("/d/nope"), 10));
        assertEquals(FilesException.Problem.NOT_FOUND, missing.problem());
        assertEquals("/d/nope in the test root does not exist", missing.getMessage());
        FilesException notDir = assertThrows(FilesException.class, () -> files.read(p("/fifo/x"), 10));
        assertEquals(FilesException.Problem.NOT_A_DIRECTORY, notDir.problem());
    }

    @Test
    void aFileLargerThanTheReadLimitIsRefusedBeforeAByteIsRead() throws Exception {
        Files.write(local.root.resolve("big"), new byte[2000]);
        FilesException e = assertThrows(FilesException.class, () -> files.read(p("/big"), 1999));
        assertEquals(FilesException.Problem.TOO_LARGE, e.problem());
        assertEquals(2000, read("/big").length);
    }

    @Test
    void readingFollowsSymlinksInsideTheRoot() throws Exception {
        Files.createDirectories(local.root.resolve("real"));
        Files.writeString(local.root.resolve("real/file"), "inside");
        Files.createSymbolicLink(local.root.resolve("abs"), Path.of("/real"));
        Files.createSymbolicLink(local.root.resolve("real/rel"), Path.of("file"));

        assertEquals("inside", new String(read("/abs/file"), StandardCharsets.UTF_8));
        assertEquals("inside", new String(read("/abs/rel"), StandardCharsets.UTF_8));
        assertEquals(Optional.empty(), files.read(p("/abs/rel"), 100).info().linkTarget());
    }
}
