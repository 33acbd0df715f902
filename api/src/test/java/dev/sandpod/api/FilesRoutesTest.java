package dev.sandpod.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.FileOptions;
import dev.sandpod.client.model.FileInfo;
import dev.sandpod.image.tar.EntryType;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.image.tar.TarReader;
import dev.sandpod.image.tar.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The file routes end to end: the client, the socket, the daemon and a real running busybox container. Files go
 * both ways byte for byte, errors are JSON naming the path in the container, and nothing outside it is reached.
 */
class FilesRoutesTest extends RealSandboxDaemon {
    private static final FileOptions DEFAULTS = FileOptions.DEFAULTS;

    static byte[] everyByteValue(int size) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + i / 256);
        }
        return data;
    }

    private byte[] read(String sandbox, String path) throws Exception {
        try (InputStream in = client.readFile(sandbox, path, DEFAULTS)) {
            return in.readAllBytes();
        }
    }

    private FileInfo write(String sandbox, String path, byte[] data, FileOptions options) throws Exception {
        return client.writeFile(sandbox, path, new ByteArrayInputStream(data), options);
    }

    private static ApiException refused(ThrowingCall call) {
        return assertThrows(ApiException.class, call::run);
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void binaryDataRoundTripsByteForByteThroughTheSocket() throws Exception {
        run("web", "true");
        byte[] data = everyByteValue(5 << 20);

        FileInfo written = write("web", "/tmp/all-bytes.bin", data, DEFAULTS);

        assertEquals(data.length, written.size());
        assertEquals("file", written.type());
        assertArrayEquals(data, read("web", "/tmp/all-bytes.bin"));
        assertEquals(data.length, client.statFile("web", "/tmp/all-bytes.bin", DEFAULTS).size());
    }

    @Test
    void writeMakesParentsAndSetsModeAndOwnerByNameFromTheContainersPasswd() throws Exception {
        run("web", "true");

        FileInfo f = write("web", "/srv/app/conf/app.ini", "k=v\n".getBytes(), DEFAULTS.withParents().withMode(0640).withOwner("nobody"));

        assertEquals("0640", f.mode());
        assertEquals(65534, f.uid());
        assertEquals(65534, f.gid());
        FileInfo dir = client.statFile("web", "/srv/app/conf", DEFAULTS);
        assertEquals("directory", dir.type());
        assertEquals("0755", dir.mode());
        assertEquals(List.of("app.ini"), client.listFiles("web", "/srv/app/conf", DEFAULTS).stream().map(FileInfo::name).toList());
        assertEquals("k=v\n", new String(read("web", "/srv/app/conf/app.ini"), StandardCharsets.UTF_8));
    }

    @Test
    void listStatMkdirAndRemoveWorkAsTheirShellNamesSay() throws Exception {
        run("web", "ln -s /etc/passwd /tmp/pw");
        FileInfo made = client.makeDirectory("web", "/tmp/a/b/c", DEFAULTS.withParents().withMode(0700));
        assertEquals("0700", made.mode());
        write("web", "/tmp/a/b/c/f", "x".getBytes(), DEFAULTS);

        FileInfo link = client.statFile("web", "/tmp/pw", DEFAULTS);
        assertEquals("symlink", link.type());
        assertEquals("/etc/passwd", link.linkTarget());
        assertEquals("file", client.statFile("web", "/tmp/pw", DEFAULTS.withFollow()).type());
        assertEquals(List.of("a", "pw"), client.listFiles("web", "/tmp", DEFAULTS).stream().map(FileInfo::name).toList());

        ApiException notEmpty = refused(() -> client.removeFile("web", "/tmp/a", DEFAULTS));
        assertEquals(409, notEmpty.status());
        assertEquals("DirectoryNotEmpty", notEmpty.code());
        client.removeFile("web", "/tmp/a", DEFAULTS.withRecursive());
        client.removeFile("web", "/tmp/pw", DEFAULTS);
        assertEquals(List.of(), client.listFiles("web", "/tmp", DEFAULTS));
        assertTrue(read("web", "/etc/passwd").length > 0, "removing the link left its target");
    }

    @Test
    void errorsAreJsonWithTheirStatusAndNameThePathInTheContainer() throws Exception {
        run("web", "mkdir /tmp/d; echo x > /tmp/f");
        record Case(ThrowingCall call, int status, String code, String path) {
        }
        List<Case> cases = List.of(
                new Case(() -> read("web", "/tmp/nope"), 404, "FileNotFound", "/tmp/nope"),
                new Case(() -> read("web", "/tmp/d"), 409, "IsADirectory", "/tmp/d"),
                new Case(() -> client.listFiles("web", "/tmp/f", DEFAULTS), 409, "NotADirectory", "/tmp/f"),
                new Case(() -> read("web", "/tmp/f/x"), 409, "NotADirectory", "/tmp/f/x"),
                new Case(() -> write("web", "/tmp/d", new byte[1], DEFAULTS), 409, "IsADirectory", "/tmp/d"),
                new Case(() -> write("web", "/tmp/no/such/dir/f", new byte[1], DEFAULTS), 404, "FileNotFound", "/tmp/no/such/dir"),
                new Case(() -> client.makeDirectory("web", "/tmp/d", DEFAULTS), 409, "FileExists", "/tmp/d"),
                new Case(() -> client.readFile("web", "/tmp/f", DEFAULTS.withMaxBytes(1)).close(), 413, "FileTooLarge", "/tmp/f"),
                new Case(() -> write("web", "/tmp/big", new byte[2000], DEFAULTS.withMaxBytes(1000)), 413, "FileTooLarge", "/tmp/big"),
                new Case(() -> read("web", "/dev/zero"), 422, "NotARegularFile", "/dev/zero"),
                new Case(() -> read("web", "/proc/1/root/etc/passwd"), 422, "SymlinkLoop", "/proc/1/root/etc/passwd"),
                new Case(() -> client.removeFile("web", "/", DEFAULTS.withRecursive()), 400, "InvalidPath", "/"),
                new Case(() -> client.removeFile("web", "/proc", DEFAULTS.withRecursive()), 409, "MountPoint", "/proc"));
        for (Case c : cases) {
            ApiException e = refused(c.call());
            assertEquals(c.status(), e.status(), c.code() + ": " + e.getMessage());
            assertEquals(c.code(), e.code(), e.getMessage());
            assertEquals(c.path(), e.details().get("path"), e.getMessage());
            assertTrue(e.getMessage().contains(c.path()) && e.getMessage().contains("sandbox web"), e.getMessage());
            assertTrue(e.hint().isPresent(), c.code());
        }
        assertFalse(Files.exists(tmp.resolve("big")));
        assertEquals(List.of("d", "f"), client.listFiles("web", "/tmp", DEFAULTS).stream().map(FileInfo::name).toList(),
                "no failed write left anything");
    }

    @Test
    void badRequestsAre400NamingTheParameterAndUnknownTargetsAre404() throws Exception {
        run("web", "true");
        Raw.Answer noPath = daemon.raw().send("GET", "/v1/sandboxes/web/files/stat", null);
        assertEquals(400, noPath.status());
        assertEquals("path", noPath.json().path("details").path("parameter").asText());
        Raw.Answer badMode = daemon.raw().send("POST", "/v1/sandboxes/web/files/mkdir?path=/tmp/x&mode=999", null);
        assertEquals(400, badMode.status());
        assertEquals("mode", badMode.json().path("details").path("parameter").asText());
        assertEquals(400, daemon.raw().send("GET", "/v1/sandboxes/web/files?path=/etc/passwd&maxBytes=lots", null).status());

        ApiException owner = refused(() -> write("web", "/tmp/o", new byte[0], DEFAULTS.withOwner("ghost")));
        assertEquals(422, owner.status());
        assertEquals("owner", owner.details().get("field"));
        assertEquals("SandboxNotFound", refused(() -> read("nope", "/etc/passwd")).code());
        ApiException container = refused(() -> client.statFile("web", "/", DEFAULTS.withContainer("sidecar")));
        assertEquals(404, container.status());
        assertEquals("SandboxContainerNotFound", container.code());
    }

    @Test
    void theContainersMountsAreWhatItSeesAndItsHostsFileIsWritable() throws Exception {
        run("web", "true");
        assertTrue(new String(read("web", "/etc/hosts"), StandardCharsets.UTF_8).contains("web"));
        write("web", "/etc/hosts", "10.1.2.3 mine\n".getBytes(), DEFAULTS);
        assertEquals("10.1.2.3 mine\n", new String(read("web", "/etc/hosts"), StandardCharsets.UTF_8));
        String procStatus = new String(read("web", "/proc/1/status"), StandardCharsets.UTF_8);
        assertTrue(procStatus.contains("sleep"), "the container's own /proc, read to its end: " + procStatus);
    }

    @Test
    void symlinksMadeInTheContainerNeverLeadOutsideIt() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "HOST SECRET");
        run("web", "ln -s " + outside + " /escape; mkdir -p /a/b; ln -s ../../../../../../.. /a/b/up");

        assertEquals("FileNotFound", refused(() -> read("web", "/escape/secret")).code());
        assertEquals("FileNotFound", refused(() -> read("web", "/a/b/up" + outside + "/secret")).code());
        assertEquals("FileNotFound", refused(() -> read("web", "/../../../.." + outside + "/secret")).code());
        assertEquals("FileNotFound", refused(() -> client.listFiles("web", "/escape", DEFAULTS)).code());
        assertEquals("FileNotFound", refused(() -> write("web", "/escape/planted", "x".getBytes(), DEFAULTS)).code());
        write("web", "/a/b/up/planted-at-root", "x".getBytes(), DEFAULTS);
        client.removeFile("web", "/escape", DEFAULTS.withRecursive());

        assertEquals("x", new String(read("web", "/planted-at-root"), StandardCharsets.UTF_8), "../.. stopped at the root");
        try (var left = Files.list(outside)) {
            assertEquals(List.of("secret"), left.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals("HOST SECRET", Files.readString(outside.resolve("secret")));
    }

    @Test
    void aSymlinkSwappedInWhileCallsRunNeverLeadsOutside() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("f"), "HOST SECRET");
        run("web", "mkdir -p /race/d; echo inside > /race/d/f; ln -s " + outside + " /race/link");
        Path race = Path.of("/proc", Long.toString(mainPid("web")), "root", "race");
        SwapThread swapper = SwapThread.start(race.resolve("d"), race.resolve("link"), race.resolve("real"));

        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + 3_000_000_000L;
        try {
            for (int i = 0; System.nanoTime() < deadline; i++) {
                try {
                    seen.add(new String(read("web", "/race/d/f"), StandardCharsets.UTF_8));
                    write("web", "/race/d/w" + (i % 20), "w".getBytes(), DEFAULTS);
                    client.listFiles("web", "/race/d", DEFAULTS).forEach(f -> seen.add("listed " + f.name()));
                    try (InputStream tar = client.getArchive("web", "/race/d", DEFAULTS.withFollow())) {
                        seen.add(new String(tar.readAllBytes(), StandardCharsets.ISO_8859_1).contains("HOST SECRET") ? "SECRET IN TAR" : "tar");
                    }
                } catch (ApiException e) {
                    seen.add(e.code()); // the swap made the path vanish for a moment: refused, fine
                }
            }
        } finally {
            swapper.stop();
        }

        assertTrue(swapper.swaps() > 500, "the swapper ran: " + swapper.swaps());
        assertTrue(seen.contains("inside\n"), "some reads got through");
        assertFalse(seen.stream().anyMatch(s -> s.contains("HOST SECRET") || s.equals("SECRET IN TAR")), "never read the host's file");
        assertTrue(seen.stream().filter(s -> s.startsWith("listed ")).allMatch(s -> s.equals("listed f") || s.matches("listed w\\d+")));
        try (var left = Files.list(outside)) {
            assertEquals(List.of("f"), left.map(p -> p.getFileName().toString()).toList(), "nothing written outside");
        }
    }

    private static byte[] tar(List<TarEntry> entries, Map<String, byte[]> content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(out)) {
            for (TarEntry e : entries) {
                byte[] c = content.get(e.name());
                w.add(e, c == null ? null : new ByteArrayInputStream(c));
            }
        }
        return out.toByteArray();
    }

    private static Map<String, TarEntry> entries(InputStream archive) throws IOException {
        Map<String, TarEntry> out = new TreeMap<>();
        try (TarReader r = new TarReader(archive)) {
            for (Optional<TarEntry> e = r.next(); e.isPresent(); e = r.next()) {
                out.put(e.get().name(), e.get());
            }
        }
        return out;
    }

    @Test
    void aTreePutAsAnArchiveComesBackTheSame() throws Exception {
        run("web", "mkdir /srv");
        byte[] data = everyByteValue(300_000);
        byte[] archive = tar(List.of(TarEntry.dir("tree/"), TarEntry.dir("tree/sub/"), TarEntry.file("tree/sub/data", 0600, data.length),
                TarEntry.symlink("tree/link", "sub/data"), TarEntry.hardlink("tree/again", "tree/sub/data")),
                Map.of("tree/sub/data", data));

        var result = client.putArchive("web", "/srv", new ByteArrayInputStream(archive), DEFAULTS);
        assertEquals(5, result.entries());
        assertEquals(data.length, result.bytes());

        Map<String, TarEntry> back;
        try (InputStream in = client.getArchive("web", "/srv/tree", DEFAULTS)) {
            back = entries(in);
        }
        assertEquals(List.of("tree/", "tree/again", "tree/link", "tree/sub/", "tree/sub/data"), new ArrayList<>(back.keySet()));
        assertEquals(EntryType.SYMLINK, back.get("tree/link").type());
        assertEquals(EntryType.HARDLINK, back.get("tree/sub/data").type(), "the second name of the inode in walk order");
        assertEquals(0600, back.get("tree/again").mode());
        assertArrayEquals(data, read("web", "/srv/tree/sub/data"));
        try (InputStream in = client.getArchive("web", "/srv/tree/.", DEFAULTS)) {
            assertTrue(entries(in).containsKey("./sub/data"), "/. archives the contents");
        }
    }

    @Test
    void aHostileArchiveCantWriteOutsideTheContainer() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        run("web", "mkdir /drop");

        ApiException climb = refused(() -> client.putArchive("web", "/drop", new ByteArrayInputStream(
                tar(List.of(TarEntry.file("../../../../.." + outside + "/climbed", 0644, 1)), Map.of("../../../../.." + outside + "/climbed", new byte[] {1}))),
                DEFAULTS));
        assertEquals(422, climb.status());
        assertEquals("UnsafeArchive", climb.code());

        // a symlink to the host's directory, a ../.. one, and files through both and by absolute name
        byte[] viaSymlinks = tar(List.of(TarEntry.symlink("evil", outside.toString()), TarEntry.symlink("up", "../../../../.."),
                        TarEntry.file("up" + outside + "/via-up", 0644, 1), TarEntry.file("evil/via-evil", 0644, 1),
                        TarEntry.file(outside + "/absolute", 0644, 1)),
                Map.of("up" + outside + "/via-up", new byte[] {1}, "evil/via-evil", new byte[] {1}, outside + "/absolute", new byte[] {1}));
        client.putArchive("web", "/drop", new ByteArrayInputStream(viaSymlinks), DEFAULTS);

        try (var left = Files.list(outside)) {
            assertEquals(List.of(), left.toList(), "nothing written on the host");
        }
        assertEquals("file", client.statFile("web", outside + "/via-up", DEFAULTS).type(), "../.. stopped at the container's root");
        assertEquals("file", client.statFile("web", outside + "/via-evil", DEFAULTS).type(), "the absolute link led inside the container");
        assertEquals("file", client.statFile("web", "/drop" + outside + "/absolute", DEFAULTS).type(), "landed under /drop");
        assertEquals("UnsafeArchive", refused(() -> client.putArchive("web", "/drop", new ByteArrayInputStream(
                tar(List.of(TarEntry.charDevice("mem", 1, 1)), Map.of())), DEFAULTS)).code());
    }

    @Test
    void aStoppedContainerIsReadAndWrittenThroughItsRootFileSystemAndAnUnmountedOneIs409() throws Exception {
        run("web", "echo before > /tmp/kept");
        client.stopSandbox("web", 0);

        assertEquals("before\n", new String(read("web", "/tmp/kept"), StandardCharsets.UTF_8));
        write("web", "/tmp/while-stopped", "x".getBytes(), DEFAULTS);
        assertEquals(List.of("kept", "while-stopped"), client.listFiles("web", "/tmp", DEFAULTS).stream().map(FileInfo::name).toList());

        Process umount = new ProcessBuilder("umount", mainPaths("web").rootfs().toString()).redirectErrorStream(true).start();
        assertEquals(0, umount.waitFor(), new String(umount.getInputStream().readAllBytes()));
        ApiException gone = refused(() -> read("web", "/tmp/kept"));
        assertEquals(409, gone.status());
        assertEquals("FilesUnavailable", gone.code());
        assertTrue(gone.getMessage().contains("sandbox web"), gone.getMessage());
    }

    @Test
    void aFileThatGrowsPastTheLimitWhileReadIs413BeforeTheFirstByteAndABrokenStreamAfterIt() throws Exception {
        run("web", "true");
        // procfs files say size 0, so the size check passes and the content then runs past the limit
        ApiException early = refused(() -> client.readFile("web", "/proc/1/status", DEFAULTS.withMaxBytes(10)).close());
        assertEquals(413, early.status());
        assertEquals("FileTooLarge", early.code());
        try (InputStream in = client.readFile("web", "/proc/kallsyms", DEFAULTS.withMaxBytes(64 << 10))) {
            assertThrows(IOException.class, in::readAllBytes, "cut, never a clean short end");
        }
        assertTrue(read("web", "/proc/1/status").length > 10, "the daemon serves the next call");
    }
}
