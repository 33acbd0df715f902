package dev.sandpod.runtime.files;

import static dev.sandpod.runtime.files.LocalRoot.p;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** stat, list, mkdir and remove on a directory confined as a root, on the real file system (as root). */
class TreeOpsTest extends LocalRootTest {
    @Test
    void listGivesEachEntrySortedWithItsKindSizeAndLinkTarget() throws Exception {
        Path d = Files.createDirectories(local.root.resolve("d"));
        Files.writeString(d.resolve("b.txt"), "12345");
        Files.createDirectories(d.resolve("a-dir"));
        Files.createSymbolicLink(d.resolve("c-link"), Path.of("/etc/passwd"));

        List<FileInfo> entries = files.list(p("/d"));

        assertEquals(List.of("a-dir", "b.txt", "c-link"), entries.stream().map(FileInfo::name).toList());
        assertEquals(List.of(FileKind.DIRECTORY, FileKind.FILE, FileKind.SYMLINK), entries.stream().map(FileInfo::kind).toList());
        assertEquals(5, entries.get(1).size());
        assertEquals("/d/b.txt", entries.get(1).path().toString());
        assertEquals(Optional.of("/etc/passwd"), entries.get(2).linkTarget());
    }

    @Test
    void listingAFileIsNotADirectory() throws Exception {
        Files.writeString(local.root.resolve("f"), "x");
        assertEquals(FilesException.Problem.NOT_A_DIRECTORY,
                assertThrows(FilesException.class, () -> files.list(p("/f"))).problem());
    }

    @Test
    void statDescribesASymlinkItselfUnlessAskedToFollowIt() throws Exception {
        Files.writeString(local.root.resolve("target"), "abc");
        Files.createSymbolicLink(local.root.resolve("link"), Path.of("/target"));

        FileInfo link = files.stat(p("/link"), false);
        assertEquals(FileKind.SYMLINK, link.kind());
        assertEquals(Optional.of("/target"), link.linkTarget());
        FileInfo followed = files.stat(p("/link"), true);
        assertEquals(FileKind.FILE, followed.kind());
        assertEquals(3, followed.size());
        assertEquals("/link", followed.path().toString(), "named as asked for");
    }

    @Test
    void mkdirNeedsItsParentAndRefusesAnExistingPath() throws Exception {
        assertEquals(FilesException.Problem.NOT_FOUND,
                assertThrows(FilesException.class, () -> files.mkdir(p("/a/b"), false, 0755, Owner.ROOT)).problem());
        files.mkdir(p("/a"), false, 0700, new Owner(9, 9));
        assertEquals(FilesException.Problem.EXISTS,
                assertThrows(FilesException.class, () -> files.mkdir(p("/a"), false, 0755, Owner.ROOT)).problem());
        assertEquals(0700, (int) Files.getAttribute(local.root.resolve("a"), "unix:mode") & 07777);
        assertEquals(9, Files.getAttribute(local.root.resolve("a"), "unix:uid"));
    }

    @Test
    void mkdirWithParentsMakesEachAndGivesTheModeToTheLastOnly() throws Exception {
        FileInfo made = files.mkdir(p("/x/y/z"), true, 0711, new Owner(4, 5));
        assertEquals(FileKind.DIRECTORY, made.kind());
        assertEquals(0711, made.permissions());
        assertEquals(0755, (int) Files.getAttribute(local.root.resolve("x/y"), "unix:mode") & 07777);
        assertEquals(4, Files.getAttribute(local.root.resolve("x/y"), "unix:uid"));

        files.mkdir(p("/x/y/z"), true, 0700, Owner.ROOT);
        assertEquals(0711, (int) Files.getAttribute(local.root.resolve("x/y/z"), "unix:mode") & 07777, "an existing one is left alone");
    }

    @Test
    void mkdirWithParentsOverAFileIsNotADirectory() throws Exception {
        Files.writeString(local.root.resolve("f"), "x");
        assertEquals(FilesException.Problem.NOT_A_DIRECTORY,
                assertThrows(FilesException.class, () -> files.mkdir(p("/f/sub"), true, 0755, Owner.ROOT)).problem());
        assertEquals(FilesException.Problem.NOT_A_DIRECTORY,
                assertThrows(FilesException.class, () -> files.mkdir(p("/f"), true, 0755, Owner.ROOT)).problem());
    }

    @Test
    void removeTakesAFileAndAnEmptyDirectoryButANonEmptyOneOnlyRecursively() throws Exception {
        Files.createDirectories(local.root.resolve("d/sub"));
        Files.writeString(local.root.resolve("d/sub/f"), "x");
        Files.writeString(local.root.resolve("g"), "x");

        files.remove(p("/g"), false);
        assertFalse(Files.exists(local.root.resolve("g")));
        FilesException e = assertThrows(FilesException.class, () -> files.remove(p("/d"), false));
        assertEquals(FilesException.Problem.DIRECTORY_NOT_EMPTY, e.problem());
        files.remove(p("/d"), true);
        assertFalse(Files.exists(local.root.resolve("d")));
        assertEquals(FilesException.Problem.NOT_FOUND,
                assertThrows(FilesException.class, () -> files.remove(p("/d"), true)).problem());
    }

    @Test
    void recursiveRemoveTakesSymlinksAwayButNeverWhatTheyPointAt() throws Exception {
        Path d = Files.createDirectories(local.root.resolve("d"));
        Files.createSymbolicLink(d.resolve("to-outside"), local.outside);
        Files.createSymbolicLink(d.resolve("up"), Path.of("../../outside"));
        Files.createSymbolicLink(local.root.resolve("top-link"), local.outside);

        files.remove(p("/d"), true);
        files.remove(p("/top-link"), true);

        assertFalse(Files.exists(d, LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(local.root.resolve("top-link"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of("secret"), local.outsideNames());
    }

    @Test
    void theRootItselfCantBeRemoved() {
        assertEquals(FilesException.Problem.INVALID_PATH,
                assertThrows(FilesException.class, () -> files.remove(p("/"), true)).problem());
        assertEquals(FilesException.Problem.INVALID_PATH,
                assertThrows(FilesException.class, () -> files.remove(p("/a/.."), true)).problem());
    }

    @Test
    void recursiveRemoveStopsAtAMountPointInsteadOfEmptyingIt() throws Exception {
        Path mnt = Files.createDirectories(local.root.resolve("d/mnt"));
        mount(mnt);
        try {
            Files.writeString(mnt.resolve("on-the-mount"), "x");
            FilesException e = assertThrows(FilesException.class, () -> files.remove(p("/d"), true));
            assertEquals(FilesException.Problem.MOUNT_POINT, e.problem());
            assertEquals("/d/mnt", e.path());
            assertTrue(Files.exists(mnt.resolve("on-the-mount")));
        } finally {
            run("umount", mnt.toString());
        }
    }

    private static void mount(Path at) throws Exception {
        run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", at.toString());
    }

    private static void run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", argv) + ": " + out);
    }
}
