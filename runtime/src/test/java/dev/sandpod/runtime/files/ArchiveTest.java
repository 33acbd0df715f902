package dev.sandpod.runtime.files;

import static dev.sandpod.runtime.files.LocalRoot.p;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.image.tar.EntryType;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.image.tar.TarReader;
import dev.sandpod.image.tar.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Tar streams out of and into a directory confined as a root: Docker's archive semantics, and hostile archives. */
class ArchiveTest extends LocalRootTest {
    private static final Instant WHEN = Instant.parse("2021-03-04T05:06:07Z");
    private static final ExtractOptions KEEP_OWNERS = new ExtractOptions(Optional.empty(), ContainerFiles.DEFAULT_MAX_BYTES);

    private static byte[] tar(TarEntryWithContent... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarWriter w = new TarWriter(out)) {
            for (TarEntryWithContent e : entries) {
                w.add(e.entry(), e.content() == null ? null : new ByteArrayInputStream(e.content()));
            }
        }
        return out.toByteArray();
    }

    record TarEntryWithContent(TarEntry entry, byte[] content) {
        static TarEntryWithContent of(TarEntry e) {
            return new TarEntryWithContent(e, null);
        }

        static TarEntryWithContent file(String name, String text) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            return new TarEntryWithContent(TarEntry.file(name, 0644, b.length), b);
        }
    }

    private static Map<String, TarEntry> entries(byte[] archive) throws IOException {
        Map<String, TarEntry> out = new TreeMap<>();
        try (TarReader r = new TarReader(new ByteArrayInputStream(archive))) {
            for (Optional<TarEntry> e = r.next(); e.isPresent(); e = r.next()) {
                out.put(e.get().name(), e.get());
            }
        }
        return out;
    }

    private byte[] archive(String path, boolean contentsOnly, boolean follow) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.archive(p(path), contentsOnly, follow, out);
        return out.toByteArray();
    }

    private void makeTree() throws Exception {
        Path app = Files.createDirectories(local.root.resolve("srv/app"));
        Files.write(app.resolve("bin.dat"), ReadWriteTest.everyByteValue(70_000));
        Files.writeString(app.resolve("conf"), "k=v");
        Files.createLink(app.resolve("conf-again"), app.resolve("conf"));
        Files.createSymbolicLink(app.resolve("link"), Path.of("/etc/passwd"));
        Files.createDirectories(app.resolve("empty"));
        new ProcessBuilder("mkfifo", app.resolve("pipe").toString()).start().waitFor();
        new ProcessBuilder("chown", "1000:2000", app.resolve("conf").toString()).start().waitFor();
        new ProcessBuilder("chmod", "0600", app.resolve("conf").toString()).start().waitFor();
    }

    @Test
    void aDirectoryIsArchivedUnderItsNameWithModesOwnersLinksAndHardLinks() throws Exception {
        makeTree();
        Map<String, TarEntry> e = entries(archive("/srv/app", false, false));

        assertEquals(List.of("app/", "app/bin.dat", "app/conf", "app/conf-again", "app/empty/", "app/link", "app/pipe"),
                new ArrayList<>(e.keySet()));
        assertEquals(70_000, e.get("app/bin.dat").size());
        assertEquals(0600, e.get("app/conf").mode());
        assertEquals(1000, e.get("app/conf").uid());
        assertEquals(2000, e.get("app/conf").gid());
        assertEquals(EntryType.HARDLINK, e.get("app/conf-again").type());
        assertEquals("app/conf", e.get("app/conf-again").linkName());
        assertEquals("/etc/passwd", e.get("app/link").linkName());
        assertEquals(EntryType.FIFO, e.get("app/pipe").type());
    }

    @Test
    void slashDotArchivesTheContentsAndASingleFileIsItsOwnEntry() throws Exception {
        makeTree();
        assertTrue(entries(archive("/srv/app", true, false)).containsKey("./conf"));
        assertEquals(List.of("conf"), new ArrayList<>(entries(archive("/srv/app/conf", false, false)).keySet()));
        assertEquals(EntryType.SYMLINK, entries(archive("/srv/app/link", false, false)).get("link").type());
    }

    @Test
    void aSymlinkIsArchivedAsItselfUnlessFollowed() throws Exception {
        makeTree();
        Files.createSymbolicLink(local.root.resolve("to-conf"), Path.of("/srv/app/conf"));
        TarEntry followed = entries(archive("/to-conf", false, true)).get("to-conf");
        assertEquals(EntryType.FILE, followed.type());
        assertEquals(3, followed.size());
    }

    @Test
    void anArchivedTreeUnpacksToTheSameTreeElsewhere() throws Exception {
        makeTree();
        byte[] tar = archive("/srv/app", false, false);
        Files.createDirectories(local.root.resolve("copy"));

        ExtractResult result = files.extract(p("/copy"), new ByteArrayInputStream(tar), KEEP_OWNERS);

        Path copy = local.root.resolve("copy/app");
        assertEquals(7, result.entries());
        assertArrayEquals(ReadWriteTest.everyByteValue(70_000), Files.readAllBytes(copy.resolve("bin.dat")));
        assertEquals(0600, (int) Files.getAttribute(copy.resolve("conf"), "unix:mode") & 07777);
        assertEquals(1000, Files.getAttribute(copy.resolve("conf"), "unix:uid"));
        assertEquals(Files.getAttribute(copy.resolve("conf"), "unix:ino"), Files.getAttribute(copy.resolve("conf-again"), "unix:ino"));
        assertEquals(Path.of("/etc/passwd"), Files.readSymbolicLink(copy.resolve("link")));
        assertTrue(Files.isDirectory(copy.resolve("empty")));
        assertEquals(dev.sandpod.core.sys.Syscalls.S_IFIFO,
                (int) Files.getAttribute(copy.resolve("pipe"), "unix:mode", LinkOption.NOFOLLOW_LINKS) & dev.sandpod.core.sys.Syscalls.S_IFMT);
    }

    @Test
    void anOwnerGivenForTheExtractionOwnsEveryEntry() throws Exception {
        Files.createDirectories(local.root.resolve("d"));
        byte[] tar = tar(TarEntryWithContent.of(TarEntry.dir("sub/").withOwner(5, 5)),
                TarEntryWithContent.file("sub/f", "x"));
        files.extract(p("/d"), new ByteArrayInputStream(tar), new ExtractOptions(Optional.of(new Owner(1234, 4321)), 100));
        assertEquals(1234, Files.getAttribute(local.root.resolve("d/sub"), "unix:uid"));
        assertEquals(4321, Files.getAttribute(local.root.resolve("d/sub/f"), "unix:gid"));
    }

    @Test
    void entryTimesAreKeptForFilesAndDirectories() throws Exception {
        Files.createDirectories(local.root.resolve("d"));
        byte[] tar = tar(TarEntryWithContent.of(TarEntry.dir("sub/").withMtime(WHEN)),
                new TarEntryWithContent(TarEntry.file("sub/f", 0644, 1).withMtime(WHEN), new byte[] {1}));
        files.extract(p("/d"), new ByteArrayInputStream(tar), KEEP_OWNERS);
        assertEquals(WHEN, Files.getLastModifiedTime(local.root.resolve("d/sub/f")).toInstant());
        assertEquals(WHEN, Files.getLastModifiedTime(local.root.resolve("d/sub")).toInstant());
    }

    @Test
    void theTargetMustBeAnExistingDirectory() throws Exception {
        Files.writeString(local.root.resolve("f"), "x");
        byte[] tar = tar(TarEntryWithContent.file("a", "x"));
        assertEquals(FilesException.Problem.NOT_A_DIRECTORY, assertThrows(FilesException.class,
                () -> files.extract(p("/f"), new ByteArrayInputStream(tar), KEEP_OWNERS)).problem());
        assertEquals(FilesException.Problem.NOT_FOUND, assertThrows(FilesException.class,
                () -> files.extract(p("/nope"), new ByteArrayInputStream(tar), KEEP_OWNERS)).problem());
    }

    @Test
    void aFileOverADirectoryAndADirectoryOverAFileAreRefused() throws Exception {
        Files.createDirectories(local.root.resolve("d/dir"));
        Files.writeString(local.root.resolve("d/file"), "x");
        assertEquals(FilesException.Problem.IS_A_DIRECTORY, assertThrows(FilesException.class, () -> files.extract(p("/d"),
                new ByteArrayInputStream(tar(TarEntryWithContent.file("dir", "x"))), KEEP_OWNERS)).problem());
        assertEquals(FilesException.Problem.NOT_A_DIRECTORY, assertThrows(FilesException.class, () -> files.extract(p("/d"),
                new ByteArrayInputStream(tar(TarEntryWithContent.of(TarEntry.dir("file/")))), KEEP_OWNERS)).problem());
        assertEquals(FilesException.Problem.IS_A_DIRECTORY, assertThrows(FilesException.class, () -> files.extract(p("/d"),
                new ByteArrayInputStream(tar(TarEntryWithContent.of(TarEntry.symlink("dir", "/x")))), KEEP_OWNERS)).problem());
    }

    @Test
    void anEntryOverTheSizeLimitIsRefusedBeforeItIsWritten() throws Exception {
        Files.createDirectories(local.root.resolve("d"));
        byte[] tar = tar(new TarEntryWithContent(TarEntry.file("big", 0644, 11), new byte[11]));
        FilesException e = assertThrows(FilesException.class,
                () -> files.extract(p("/d"), new ByteArrayInputStream(tar), new ExtractOptions(Optional.empty(), 10)));
        assertEquals(FilesException.Problem.TOO_LARGE, e.problem());
        assertEquals("/d/big", e.path());
        assertFalse(Files.exists(local.root.resolve("d/big")));
    }

    @Test
    void aCorruptStreamIsAnInvalidArchive() throws Exception {
        Files.createDirectories(local.root.resolve("d"));
        byte[] junk = new byte[1024];
        java.util.Arrays.fill(junk, (byte) 'x');
        assertEquals(FilesException.Problem.INVALID_ARCHIVE, assertThrows(FilesException.class,
                () -> files.extract(p("/d"), new ByteArrayInputStream(junk), KEEP_OWNERS)).problem());
    }

    @Test
    void dotDotNamesClimbingOutOfTheTargetAreRefusedAndAbsoluteNamesLandUnderIt() throws Exception {
        Files.createDirectories(local.root.resolve("d"));
        FilesException climb = assertThrows(FilesException.class, () -> files.extract(p("/d"), new ByteArrayInputStream(
                tar(TarEntryWithContent.file("../../../../outside/planted", "x"))), KEEP_OWNERS));
        assertEquals(FilesException.Problem.UNSAFE_ARCHIVE, climb.problem());
        assertEquals("../../../../outside/planted", climb.path());

        files.extract(p("/d"), new ByteArrayInputStream(tar(TarEntryWithContent.file(local.outside + "/planted", "x"))), KEEP_OWNERS);
        assertTrue(Files.exists(local.root.resolve("d" + local.outside + "/planted")));
        assertEquals(List.of("secret"), local.outsideNames());
    }

    @Test
    void aSymlinkEntryThenAFileThroughItStaysInsideTheRoot() throws Exception {
        Files.createDirectories(local.root.resolve("d"));
        byte[] hostile = tar(TarEntryWithContent.of(TarEntry.symlink("abs", local.outside.toString())),
                TarEntryWithContent.of(TarEntry.symlink("rel", "../../../../../../../../..")),
                TarEntryWithContent.file("rel" + local.outside + "/via-rel", "x"),
                TarEntryWithContent.file("abs/via-abs", "x"));

        try {
            files.extract(p("/d"), new ByteArrayInputStream(hostile), KEEP_OWNERS);
        } catch (FilesException e) {
            assertEquals(FilesException.Problem.NOT_FOUND, e.problem(), "refused where the link leads nowhere in the root");
        }

        assertEquals(List.of("secret"), local.outsideNames());
        assertEquals(LocalRoot.SECRET, Files.readString(local.outside.resolve("secret")));
        assertTrue(Files.exists(local.root.resolve(local.outside.toString().substring(1)).resolve("via-rel")),
                "the relative link led to the root, not above it");
    }

    @Test
    void hardLinksOutOfTheTargetAndDeviceFilesAreRefused() throws Exception {
        Files.createDirectories(local.root.resolve("d"));
        assertEquals(FilesException.Problem.UNSAFE_ARCHIVE, assertThrows(FilesException.class, () -> files.extract(p("/d"),
                new ByteArrayInputStream(tar(TarEntryWithContent.of(TarEntry.hardlink("h", "../outside/secret")))), KEEP_OWNERS)).problem());
        assertEquals(FilesException.Problem.UNSAFE_ARCHIVE, assertThrows(FilesException.class, () -> files.extract(p("/d"),
                new ByteArrayInputStream(tar(TarEntryWithContent.of(TarEntry.charDevice("mem", 1, 1)))), KEEP_OWNERS)).problem());
        assertFalse(Files.exists(local.root.resolve("d/mem")));
        assertEquals(List.of(), Files.list(local.root.resolve("d")).toList());
    }

    @Test
    void aRebaseGivesTheCopyAnotherNameAndKeepsItsHardLinksTogether() throws Exception {
        makeTree();
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        files.archiveAs(p("/srv/app"), "renamed", false, tar);
        assertTrue(entries(tar.toByteArray()).containsKey("renamed/conf"), "named from the given top");

        Files.createDirectories(local.root.resolve("dst"));
        files.extract(p("/dst"), new ByteArrayInputStream(archive("/srv/app", false, false)),
                new ExtractOptions(Optional.empty(), 1 << 20, Optional.of(new ExtractOptions.Rebase("app", "copy"))));
        assertEquals("k=v", Files.readString(local.root.resolve("dst/copy/conf")));
        assertEquals(Files.getAttribute(local.root.resolve("dst/copy/conf"), "unix:ino"),
                Files.getAttribute(local.root.resolve("dst/copy/conf-again"), "unix:ino"));
        assertFalse(Files.exists(local.root.resolve("dst/app")));
    }
}
