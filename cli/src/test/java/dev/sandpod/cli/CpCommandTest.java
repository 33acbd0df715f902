package dev.sandpod.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.client.FileOptions;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.model.FileInfo;
import dev.sandpod.image.tar.EntryType;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.image.tar.TarReader;
import dev.sandpod.image.tar.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `sandpod cp` as a user types it, against a real daemon in this JVM and a real running busybox sandbox: files and
 * directories in and out, tar streams on stdin and stdout, and errors as one sentence and a hint. Nothing is left.
 */
class CpCommandTest {
    @TempDir
    Path tmp;
    private SandboxDaemonFixture sandpod;
    private SandpodClient client;
    private Path local;

    @BeforeEach
    void startDaemonAndSandbox() throws Exception {
        sandpod = SandboxDaemonFixture.start(tmp);
        client = sandpod.client();
        sandpod.ok("run", "--name", "web", SandboxCommandsTest.IMAGE, "--", "/bin/sh", "-c", "mkdir /srv; sleep 1000");
        local = Files.createDirectories(tmp.resolve("local"));
        awaitSrv();
    }

    /** The container's script has made /srv (run returns once it started, not once its script ran). */
    private void awaitSrv() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            try {
                client.statFile("web", "/srv", FileOptions.DEFAULTS);
                return;
            } catch (dev.sandpod.client.ApiException e) {
                assertTrue(e.code().equals("FileNotFound") && System.nanoTime() < deadline, e.toString());
                Thread.sleep(20);
            }
        }
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        if (sandpod != null) {
            sandpod.close();
        }
    }

    private byte[] remote(String path) throws Exception {
        try (InputStream in = client.readFile("web", path, FileOptions.DEFAULTS)) {
            return in.readAllBytes();
        }
    }

    static byte[] everyByteValue(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i ^ (i >> 8));
        }
        return data;
    }

    @Test
    void aFileCopiedInAndBackOutIsTheSameBytesAndMode() throws Exception {
        byte[] data = everyByteValue(3 << 20);
        Path file = Files.write(local.resolve("data.bin"), data);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-x---"));

        CliRun in = sandpod.ok("cp", file.toString(), "web:/srv");
        assertEquals("copied 1 entry (" + data.length + " bytes) to web:/srv\n", in.out());
        assertArrayEquals(data, remote("/srv/data.bin"));
        assertEquals("0750", client.statFile("web", "/srv/data.bin", FileOptions.DEFAULTS).mode());

        sandpod.ok("cp", "web:/srv/data.bin", local.resolve("back.bin").toString());
        assertArrayEquals(data, Files.readAllBytes(local.resolve("back.bin")));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(Files.getPosixFilePermissions(local.resolve("back.bin"))));
    }

    @Test
    void aFileCopiedToANewNameOrOverAFileTakesThatName() throws Exception {
        Path file = Files.writeString(local.resolve("a.txt"), "first");
        sandpod.ok("cp", file.toString(), "web:/srv/renamed.txt");
        assertEquals("first", new String(remote("/srv/renamed.txt")));
        Files.writeString(file, "second");
        sandpod.ok("cp", file.toString(), "web:/srv/renamed.txt");
        assertEquals("second", new String(remote("/srv/renamed.txt")));
    }

    @Test
    void aDirectoryTreeGoesInAndComesOutWithItsSymlinks() throws Exception {
        Path tree = Files.createDirectories(local.resolve("tree/sub"));
        Files.writeString(tree.resolve("f.txt"), "in sub");
        Files.createSymbolicLink(local.resolve("tree/link"), Path.of("sub/f.txt"));

        sandpod.ok("cp", local.resolve("tree").toString(), "web:/srv");
        assertEquals("in sub", new String(remote("/srv/tree/sub/f.txt")));
        assertEquals("symlink", client.statFile("web", "/srv/tree/link", FileOptions.DEFAULTS).type());

        sandpod.ok("cp", local.resolve("tree").toString(), "web:/srv/copy");
        assertEquals("in sub", new String(remote("/srv/copy/sub/f.txt")), "a missing destination is the copy's new name");
        sandpod.ok("cp", local.resolve("tree") + "/.", "web:/srv/copy");
        assertEquals(List.of("link", "sub"), names("/srv/copy"), "/. copies the contents into the directory");

        Path out = Files.createDirectories(tmp.resolve("out"));
        sandpod.ok("cp", "web:/srv/tree", out.toString());
        assertEquals("in sub", Files.readString(out.resolve("tree/sub/f.txt")));
        assertEquals(Path.of("sub/f.txt"), Files.readSymbolicLink(out.resolve("tree/link")));
        sandpod.ok("cp", "web:/srv/tree", out.resolve("renamed").toString());
        assertEquals("in sub", Files.readString(out.resolve("renamed/sub/f.txt")));
        sandpod.ok("cp", "web:/srv/tree/.", out.resolve("contents").toString());
        assertEquals("in sub", Files.readString(out.resolve("contents/sub/f.txt")));
    }

    private List<String> names(String dir) throws Exception {
        return client.listFiles("web", dir, FileOptions.DEFAULTS).stream().map(FileInfo::name).toList();
    }

    @Test
    void dashReadsATarFromStdinAndWritesOneToStdout() throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(tar)) {
            w.add(TarEntry.dir("piped/"), null);
            w.add(TarEntry.file("piped/hello", 0600, 5), new ByteArrayInputStream("hello".getBytes()));
        }
        Roots.ok(CliRun.runWithStdin(sandpod.root(), tar.toByteArray(), "cp", "-", "web:/srv"));
        assertEquals("hello", new String(remote("/srv/piped/hello")));

        CliRun out = sandpod.ok("cp", "web:/srv/piped", "-");
        List<String> entries = new ArrayList<>();
        try (TarReader r = new TarReader(new ByteArrayInputStream(out.rawOut()))) {
            for (Optional<TarEntry> e = r.next(); e.isPresent(); e = r.next()) {
                entries.add(e.get().name() + (e.get().type() == EntryType.FILE ? " " + new String(r.content().readAllBytes()) : ""));
            }
        }
        assertEquals(List.of("piped/", "piped/hello hello"), entries);
    }

    @Test
    void aSymlinkInTheSandboxCopiedOutStaysASymlinkAndLeadsNowhereOnTheHost() throws Exception {
        Path hostDir = Files.createDirectories(tmp.resolve("host-only"));
        client.putArchive("web", "/srv", new ByteArrayInputStream(symlinkTar("box/escape", hostDir.toString())), FileOptions.DEFAULTS);
        Path out = Files.createDirectories(tmp.resolve("out"));

        sandpod.ok("cp", "web:/srv/box", out.toString());

        assertTrue(Files.isSymbolicLink(out.resolve("box/escape")));
        try (var left = Files.list(hostDir)) {
            assertEquals(0, left.count());
        }
    }

    private static byte[] symlinkTar(String name, String target) throws Exception {
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(tar)) {
            w.add(TarEntry.dir(name.substring(0, name.indexOf('/') + 1)), null);
            w.add(TarEntry.symlink(name, target), null);
        }
        return tar.toByteArray();
    }

    @Test
    void failuresAreOneSentenceAndAHintWithExitCode1() throws Exception {
        CliRun missing = sandpod.cli("cp", "web:/srv/nope", tmp.toString());
        assertEquals(1, missing.exitCode(), missing.toString());
        assertTrue(missing.err().startsWith("error: /srv/nope in sandbox web does not exist\nhint: "), missing.err());

        CliRun noLocal = sandpod.cli("cp", local.resolve("nope").toString(), "web:/srv");
        assertEquals(1, noLocal.exitCode(), noLocal.toString());
        assertTrue(noLocal.err().contains("no such file or directory: " + local.resolve("nope")), noLocal.err());

        Files.createDirectories(local.resolve("dir"));
        Files.writeString(local.resolve("file"), "x");
        sandpod.ok("cp", local.resolve("file").toString(), "web:/srv/file");
        CliRun dirOverFile = sandpod.cli("cp", local.resolve("dir").toString(), "web:/srv/file");
        assertEquals(1, dirOverFile.exitCode(), dirOverFile.toString());
        assertTrue(dirOverFile.err().contains("can't copy a directory to /srv/file"), dirOverFile.err());
        assertTrue(dirOverFile.err().contains("hint: "), dirOverFile.err());

        CliRun nobox = sandpod.cli("cp", local.resolve("file").toString(), "nobox:/tmp");
        assertEquals(1, nobox.exitCode());
        assertTrue(nobox.err().contains("nobox"), nobox.err());
    }

    @Test
    void twoLocalPathsOrTwoSandboxPathsAreUsageErrors() throws Exception {
        CliRun local2 = sandpod.cli("cp", "a", "b");
        assertEquals(2, local2.exitCode());
        assertTrue(local2.err().contains("NAME:PATH") && local2.err().contains("hint: see `sandpod cp --help`"), local2.err());
        assertEquals(2, sandpod.cli("cp", "web:/a", "web:/b").exitCode());
        assertEquals(2, sandpod.cli("cp", "web:/a").exitCode());
        assertFalse(Files.exists(Path.of("b")));
        assertFalse(Files.exists(local.resolve("x"), LinkOption.NOFOLLOW_LINKS));
    }
}
