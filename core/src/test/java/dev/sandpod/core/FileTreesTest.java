package dev.sandpod.core;

import dev.sandpod.core.sys.LinuxMounts;
import dev.sandpod.core.sys.Mounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTreesTest {
    @Test
    void deletesATreeButNotWhatItsSymlinksPointAt(@TempDir Path dir) throws IOException {
        Path outside = Files.writeString(dir.resolve("outside"), "keep");
        Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
        Files.writeString(tree.resolve("file"), "x");
        Files.createSymbolicLink(tree.resolve("link"), outside);
        Files.createSymbolicLink(dir.resolve("tree/dirlink"), dir);
        FileTrees.deleteTree(dir.resolve("tree"));
        assertFalse(Files.exists(dir.resolve("tree")));
        assertTrue(Files.exists(outside));
    }

    @Test
    void aMissingPathIsFine(@TempDir Path dir) throws IOException {
        FileTrees.deleteTree(dir.resolve("absent"));
    }

    @Test
    void refusesToEmptyAMountLeftInsideTheTree(@TempDir Path dir) throws Exception {
        Mounts mounts = new LinuxMounts();
        Path mountPoint = Files.createDirectories(dir.resolve("tree/mnt"));
        mounts.mount("tmpfs", mountPoint.toString(), "tmpfs", 0, "size=1m");
        try {
            Files.writeString(mountPoint.resolve("precious"), "data");
            IOException e = assertThrows(IOException.class, () -> FileTrees.deleteTree(dir.resolve("tree")));
            assertTrue(e.getMessage().contains("mount point"), e.getMessage());
            assertTrue(Files.exists(mountPoint.resolve("precious")));
        } finally {
            mounts.umount2(mountPoint.toString(), Mounts.MNT_DETACH);
        }
    }
}
