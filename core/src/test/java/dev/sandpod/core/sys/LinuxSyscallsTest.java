package dev.sandpod.core.sys;

import static dev.sandpod.core.sys.Syscalls.AT_EMPTY_PATH;
import static dev.sandpod.core.sys.Syscalls.AT_FDCWD;
import static dev.sandpod.core.sys.Syscalls.AT_SYMLINK_NOFOLLOW;
import static dev.sandpod.core.sys.Syscalls.O_CLOEXEC;
import static dev.sandpod.core.sys.Syscalls.O_DIRECTORY;
import static dev.sandpod.core.sys.Syscalls.O_NOFOLLOW;
import static dev.sandpod.core.sys.Syscalls.O_PATH;
import static dev.sandpod.core.sys.Syscalls.RESOLVE_BENEATH;
import static dev.sandpod.core.sys.Syscalls.RESOLVE_IN_ROOT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxSyscallsTest {
    private final Syscalls sys = new LinuxSyscalls();

    @TempDir
    Path tmp;
    private int rootFd;

    @BeforeEach
    void openRoot() throws IOException {
        rootFd = sys.openat2(AT_FDCWD, tmp.toString(), O_PATH | O_DIRECTORY | O_CLOEXEC, 0, 0);
    }

    @AfterEach
    void closeRoot() throws IOException {
        sys.close(rootFd);
    }

    @Test
    void openat2InRootResolvesAbsoluteSymlinksInsideTheRoot() throws IOException {
        Files.createDirectories(tmp.resolve("etc"));
        Files.createSymbolicLink(tmp.resolve("escape"), Path.of("/etc"));

        int fd = sys.openat2(rootFd, "escape", O_PATH | O_DIRECTORY | O_CLOEXEC, 0, RESOLVE_IN_ROOT);
        try {
            assertEquals(tmp.resolve("etc").toRealPath(), Path.of(Syscalls.procPath(fd)).toRealPath());
        } finally {
            sys.close(fd);
        }
    }

    @Test
    void openat2InRootClampsDotDotAtTheRoot() throws IOException {
        int fd = sys.openat2(rootFd, "../../..", O_PATH | O_DIRECTORY | O_CLOEXEC, 0, RESOLVE_IN_ROOT);
        try {
            assertEquals(tmp.toRealPath(), Path.of(Syscalls.procPath(fd)).toRealPath());
        } finally {
            sys.close(fd);
        }
    }

    @Test
    void openat2BeneathRefusesEscapesWithEXDEV() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> sys.openat2(rootFd, "../", O_PATH | O_CLOEXEC, 0, RESOLVE_BENEATH));
        assertEquals("EXDEV", e.errnoName());
        assertEquals("openat2", e.call());
        assertEquals("../", e.path());
        assertTrue(e.getMessage().contains("EXDEV"), e.getMessage());
    }

    @Test
    void openat2ReportsMissingPathsAsENOENT() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> sys.openat2(rootFd, "missing", O_PATH | O_CLOEXEC, 0, RESOLVE_IN_ROOT));
        assertTrue(e.is(Errno.ENOENT));
        assertTrue(e.getMessage().contains("No such file or directory"), e.getMessage());
    }

    @Test
    void openat2WithNofollowRefusesASymlinkedDirectory() throws IOException {
        Files.createSymbolicLink(tmp.resolve("link"), Path.of("."));
        SyscallException e = assertThrows(SyscallException.class,
                () -> sys.openat2(rootFd, "link", O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC, 0, 0));
        assertTrue(e.is(Errno.ELOOP) || e.is(Errno.ENOTDIR), e.getMessage());
    }

    @Test
    void closingAClosedFdIsEBADF() throws IOException {
        int fd = sys.openat2(rootFd, ".", O_PATH | O_CLOEXEC, 0, 0);
        sys.close(fd);
        assertEquals(Errno.EBADF, assertThrows(SyscallException.class, () -> sys.close(fd)).errno());
    }

    @Test
    void mknodatMakesACharacterDeviceWithItsNumbers() throws IOException {
        sys.mknodat(rootFd, "null", Syscalls.S_IFCHR | 0666, Syscalls.makedev(1, 3));

        Path dev = tmp.resolve("null");
        assertEquals(Syscalls.S_IFCHR, (int) Files.getAttribute(dev, "unix:mode") & Syscalls.S_IFMT);
        assertEquals(Syscalls.makedev(1, 3), (long) Files.getAttribute(dev, "unix:rdev"));
    }

    @Test
    void makedevMatchesGlibcForLargeNumbers() {
        assertEquals(0x0000_0000_0000_0103L, Syscalls.makedev(1, 3));
        assertEquals(0x1000_5672_3489L, Syscalls.makedev(0x1234, 0x56789));
    }

    @Test
    void linkatWithEmptyPathLinksTheInodeOfAnOpathFd() throws IOException {
        Files.writeString(tmp.resolve("a"), "x");
        int fd = sys.openat2(rootFd, "a", O_PATH | O_NOFOLLOW | O_CLOEXEC, 0, RESOLVE_IN_ROOT);
        try {
            sys.linkat(fd, "", rootFd, "b", AT_EMPTY_PATH);
        } finally {
            sys.close(fd);
        }
        assertEquals(Files.getAttribute(tmp.resolve("a"), "unix:ino"), Files.getAttribute(tmp.resolve("b"), "unix:ino"));
        assertEquals(2, Files.getAttribute(tmp.resolve("a"), "unix:nlink"));
    }

    @Test
    void linkatOntoAnExistingNameIsEEXIST() throws IOException {
        Files.writeString(tmp.resolve("a"), "x");
        Files.writeString(tmp.resolve("b"), "y");
        assertEquals("EEXIST", assertThrows(SyscallException.class,
                () -> sys.linkat(rootFd, "a", rootFd, "b", 0)).errnoName());
    }

    @Test
    void fchownatWithNofollowChangesTheSymlinkNotItsTarget() throws IOException {
        Files.writeString(tmp.resolve("target"), "x");
        Files.createSymbolicLink(tmp.resolve("link"), Path.of("target"));

        sys.fchownat(rootFd, "link", 1000, 2000, AT_SYMLINK_NOFOLLOW);

        assertEquals(1000, Files.getAttribute(tmp.resolve("link"), "unix:uid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(2000, Files.getAttribute(tmp.resolve("link"), "unix:gid", LinkOption.NOFOLLOW_LINKS));
        assertEquals(0, Files.getAttribute(tmp.resolve("target"), "unix:uid"));
    }

    @Test
    void fchmodatSetsSetuidAndStickyBits() throws IOException {
        Files.writeString(tmp.resolve("f"), "x");
        sys.fchmodat(rootFd, "f", 05755);
        assertEquals(05755, (int) Files.getAttribute(tmp.resolve("f"), "unix:mode") & 07777);
    }

    @Test
    void utimensatWithNofollowSetsTheSymlinksOwnTimes() throws IOException {
        Files.writeString(tmp.resolve("target"), "x");
        Files.createSymbolicLink(tmp.resolve("link"), Path.of("target"));
        Instant when = Instant.parse("2001-02-03T04:05:06.789Z");

        sys.utimensat(rootFd, "link", when, when, AT_SYMLINK_NOFOLLOW);

        assertEquals(when, Files.getLastModifiedTime(tmp.resolve("link"), LinkOption.NOFOLLOW_LINKS).toInstant());
        assertFalse(Files.getLastModifiedTime(tmp.resolve("target")).toInstant().equals(when));
    }

    @Test
    void xattrsRoundTripBinaryValuesIncludingNulBytes() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        byte[] value = {0, (byte) 0xff, 10, 0, 61, (byte) 0x80};

        sys.lsetxattr(file.toString(), "user.binary", value);

        assertArrayEquals(value, sys.lgetxattr(file.toString(), "user.binary").orElseThrow());
        assertTrue(sys.llistxattr(file.toString()).contains("user.binary"));
    }

    @Test
    void lgetxattrOfAnAbsentAttributeIsEmpty() throws IOException {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertTrue(sys.lgetxattr(file.toString(), "user.none").isEmpty());
    }

    @Test
    void lgetxattrOfAMissingFileIsENOENT() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> sys.lgetxattr(tmp.resolve("missing").toString(), "user.x"));
        assertEquals("ENOENT", e.errnoName());
        assertEquals("lgetxattr", e.call());
    }

    @Test
    void trustedXattrsCanBeSetOnADirectoryThroughItsOpathFd() throws IOException {
        Files.createDirectory(tmp.resolve("d"));
        int fd = sys.openat2(rootFd, "d", O_PATH | O_DIRECTORY | O_CLOEXEC, 0, RESOLVE_IN_ROOT);
        try {
            sys.lsetxattr(Syscalls.procPath(fd) + "/.", "trusted.overlay.opaque", new byte[] {'y'});
        } finally {
            sys.close(fd);
        }
        assertArrayEquals(new byte[] {'y'},
                sys.lgetxattr(tmp.resolve("d").toString(), "trusted.overlay.opaque").orElseThrow());
    }
    @Test
    void mkdiratRenameatAndUnlinkatWorkRelativeToADirectoryFd() throws IOException {
        sys.mkdirat(rootFd, "d", 0700);
        Files.writeString(tmp.resolve("d/a"), "x");
        int dir = sys.openat2(rootFd, "d", O_PATH | O_DIRECTORY | O_CLOEXEC, 0, RESOLVE_IN_ROOT);
        try {
            sys.renameat(dir, "a", dir, "b");
            assertEquals("x", Files.readString(tmp.resolve("d/b")));
            sys.unlinkat(dir, "b", 0);
        } finally {
            sys.close(dir);
        }
        sys.unlinkat(rootFd, "d", Syscalls.AT_REMOVEDIR);
        assertFalse(Files.exists(tmp.resolve("d")));
    }

    @Test
    void unlinkatOfASymlinkRemovesTheLinkNotItsTarget() throws IOException {
        Files.writeString(tmp.resolve("target"), "x");
        sys.symlinkat("target", rootFd, "link");
        sys.unlinkat(rootFd, "link", 0);
        assertTrue(Files.exists(tmp.resolve("target")));
        assertFalse(Files.exists(tmp.resolve("link"), LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void readlinkatReadsASymlinkThroughItsOpathFd() throws IOException {
        String longTarget = "x/".repeat(2000) + "end"; // near PATH_MAX, the most symlinkat takes
        sys.symlinkat(longTarget, rootFd, "long");
        sys.symlinkat("/etc", rootFd, "abs");
        int fd = sys.openat2(rootFd, "abs", O_PATH | O_NOFOLLOW | O_CLOEXEC, 0, RESOLVE_IN_ROOT);
        try {
            assertEquals("/etc", sys.readlinkat(fd, ""));
        } finally {
            sys.close(fd);
        }
        assertEquals(longTarget, sys.readlinkat(rootFd, "long"));
    }

    @Test
    void statxDescribesAFileAndWithNofollowASymlinkItself() throws IOException {
        Path file = Files.write(tmp.resolve("f"), new byte[1234]);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.parse("2020-01-02T03:04:05.5Z")));
        sys.fchownat(rootFd, "f", 1000, 2000, 0);
        sys.fchmodat(rootFd, "f", 04640);
        Files.createSymbolicLink(tmp.resolve("l"), Path.of("f"));

        FileStat f = sys.statx(rootFd, "f", AT_SYMLINK_NOFOLLOW);
        assertTrue(f.isRegularFile());
        assertEquals(1234, f.size());
        assertEquals(04640, f.permissions());
        assertEquals(1000, f.uid());
        assertEquals(2000, f.gid());
        assertEquals(1, f.nlink());
        assertEquals(Instant.parse("2020-01-02T03:04:05.5Z"), f.mtime());
        assertEquals(Files.getAttribute(file, "unix:ino"), f.ino());
        assertEquals(Files.getAttribute(file, "unix:dev"), f.dev());
        assertTrue(sys.statx(rootFd, "l", AT_SYMLINK_NOFOLLOW).isSymlink());
        assertTrue(sys.statx(rootFd, "l", 0).isRegularFile());
        assertTrue(sys.statx(rootFd, "", AT_EMPTY_PATH).isDirectory());
    }

    @Test
    void fchmodSetsTheModeOfAnOpenFile() throws IOException {
        Files.writeString(tmp.resolve("f"), "x");
        int fd = sys.openat2(rootFd, "f", Syscalls.O_RDONLY | O_CLOEXEC, 0, RESOLVE_IN_ROOT);
        try {
            sys.fchmod(fd, 0604);
        } finally {
            sys.close(fd);
        }
        assertEquals(0604, (int) Files.getAttribute(tmp.resolve("f"), "unix:mode") & 07777);
    }

    @Test
    void aPidfdSaysWhetherItsProcessStillLives() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        int pidfd = sys.pidfdOpen(sleeper.pid());
        try {
            sys.pidfdSendSignal(pidfd, 0);
            sleeper.destroyForcibly().waitFor();
            assertEquals("ESRCH", assertThrows(SyscallException.class, () -> sys.pidfdSendSignal(pidfd, 0)).errnoName());
        } finally {
            sys.close(pidfd);
        }
    }
}
