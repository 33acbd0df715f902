package dev.sandpod.core.sys;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinuxMountsTest {
    private final Mounts mounts = new LinuxMounts();

    @Test
    void aBindMountShowsTheSourceAndUnmountsCleanly(@TempDir Path dir) throws Exception {
        Path source = Files.createDirectory(dir.resolve("source"));
        Path target = Files.createDirectory(dir.resolve("target"));
        Files.writeString(source.resolve("file"), "hello");
        mounts.mount(source.toString(), target.toString(), null, Mounts.MS_BIND, null);
        try {
            assertEquals("hello", Files.readString(target.resolve("file")));
        } finally {
            mounts.umount2(target.toString(), 0);
        }
        assertFalse(Files.exists(target.resolve("file")));
    }

    @Test
    void unmountingSomethingNotMountedReportsEinval(@TempDir Path dir) {
        SyscallException e = assertThrows(SyscallException.class, () -> mounts.umount2(dir.toString(), 0));
        assertTrue(e.getMessage().contains("EINVAL"), e.getMessage());
    }

    @Test
    void aNetworkNamespaceIsPinnedByBindMountingTheThreadsNamespace(@TempDir Path dir) throws Exception {
        Path pin = Files.createFile(dir.resolve("netns"));
        String hostNs = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
        Thread thread = Thread.ofPlatform().unstarted(() -> {
            try {
                mounts.unshare(Mounts.CLONE_NEWNET);
                mounts.mount("/proc/thread-self/ns/net", pin.toString(), null, Mounts.MS_BIND, null);
            } catch (SyscallException e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        thread.join();
        try {
            String pinned = Files.readString(Path.of("/proc/self/mountinfo"));
            assertTrue(pinned.contains(pin.toString()), "the pin is a mount point");
            assertEquals(hostNs, Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString(),
                    "the process's own namespace is untouched");
        } finally {
            mounts.umount2(pin.toString(), Mounts.MNT_DETACH);
        }
    }
}
