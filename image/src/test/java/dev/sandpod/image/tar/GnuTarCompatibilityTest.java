package dev.sandpod.image.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.core.sys.LinuxSyscalls;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives made by GNU tar, the tool most layers come from, read back as tar wrote them. */
class GnuTarCompatibilityTest {
    @TempDir
    Path tmp;

    @Test
    void paxArchiveWithXattrsCapabilitiesLongNamesAndLinksReadsRight() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path tool = Files.writeString(src.resolve("tool"), "#!/bin/sh\n");
        run("setcap", "cap_net_raw+ep", tool.toString());
        byte[] binary = {0, 1, '\n', '=', (byte) 0xfe};
        new LinuxSyscalls().lsetxattr(tool.toString(), "user.blob", binary);
        Path deep = Files.createDirectories(src.resolve("a".repeat(60)).resolve("b".repeat(60)));
        Files.writeString(deep.resolve("long-file"), "deep");
        Files.createSymbolicLink(src.resolve("link"), Path.of("tool"));
        Files.createLink(src.resolve("hard"), tool);
        Files.setLastModifiedTime(tool, FileTime.from(Instant.parse("2020-01-02T03:04:05.5Z")));
        Path archive = tmp.resolve("out.tar");
        run("tar", "--xattrs", "--xattrs-include=*", "--format=pax", "-C", src.toString(), "-cf", archive.toString(),
                "tool", "hard", "link", "a".repeat(60));

        Map<String, TarEntry> entries = new HashMap<>();
        Map<String, String> contents = new HashMap<>();
        try (TarReader reader = new TarReader(Files.newInputStream(archive))) {
            for (var e = reader.next(); e.isPresent(); e = reader.next()) {
                entries.put(e.get().name(), e.get());
                contents.put(e.get().name(), new String(reader.content().readAllBytes(), StandardCharsets.UTF_8));
            }
        }

        TarEntry toolEntry = entries.get("tool");
        assertEquals(EntryType.FILE, toolEntry.type());
        assertEquals("#!/bin/sh\n", contents.get("tool"));
        assertArrayEquals(binary, toolEntry.xattr("user.blob").orElseThrow());
        assertEquals(20, toolEntry.xattr("security.capability").orElseThrow().length, "setcap writes v2");
        assertEquals(Instant.parse("2020-01-02T03:04:05.5Z"), toolEntry.mtime());
        assertEquals(EntryType.HARDLINK, entries.get("hard").type());
        assertEquals("tool", entries.get("hard").linkName());
        assertEquals(EntryType.SYMLINK, entries.get("link").type());
        assertEquals("tool", entries.get("link").linkName());
        String longName = "a".repeat(60) + "/" + "b".repeat(60) + "/long-file";
        assertEquals("deep", contents.get(longName));
        assertEquals(EntryType.DIRECTORY, entries.get("a".repeat(60) + "/").type());
    }

    @Test
    void gnuFormatLongNamesAndBase256SizesReadRight() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Path deep = Files.createDirectories(src.resolve("x".repeat(90)).resolve("y".repeat(90)));
        Files.writeString(deep.resolve("file"), "gnu");
        Files.createSymbolicLink(src.resolve("link"), deep.resolve("file"));
        Path archive = tmp.resolve("gnu.tar");
        run("tar", "--format=gnu", "-C", src.toString(), "-cf", archive.toString(), ".");

        Map<String, TarEntry> entries = new HashMap<>();
        try (TarReader reader = new TarReader(Files.newInputStream(archive))) {
            for (var e = reader.next(); e.isPresent(); e = reader.next()) {
                entries.put(e.get().name(), e.get());
            }
        }
        assertTrue(entries.containsKey("./" + "x".repeat(90) + "/" + "y".repeat(90) + "/file"), entries.keySet().toString());
        assertEquals(deep.resolve("file").toString(), entries.get("./link").linkName());
    }

    @Test
    void ourArchivesExtractWithGnuTar() throws Exception {
        Path archive = tmp.resolve("ours.tar");
        try (TarWriter writer = new TarWriter(Files.newOutputStream(archive))) {
            writer.add(TarEntry.dir("d"), null);
            String longName = "d/" + "n".repeat(200);
            writer.add(TarEntry.file(longName, 0640, 3), new ByteArrayInputStream("abc".getBytes(StandardCharsets.US_ASCII)));
            writer.add(TarEntry.symlink("d/ünï", "target"), null);
        }
        Path out = Files.createDirectories(tmp.resolve("out"));
        run("tar", "-C", out.toString(), "-xf", archive.toString());
        assertEquals("abc", Files.readString(out.resolve("d/" + "n".repeat(200))));
        assertEquals(Path.of("target"), Files.readSymbolicLink(out.resolve("d/ünï")));
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + output);
    }
}
