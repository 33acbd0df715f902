package dev.sandpod.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sandpod.core.sys.Errno;
import dev.sandpod.core.sys.Mounts;
import dev.sandpod.state.RootLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsMountTest {
    @TempDir
    Path tmp;

    @Test
    void mountsOverlayWithLowersTopmostFirstAndUpperAndWorkInTheContainerDir() throws Exception {
        FakeMounts fake = new FakeMounts();
        ContainerPaths paths = new ContainerPaths(RootLayout.of(tmp), "sb1", "c1");
        new RootfsMount(fake).mount(List.of(Path.of("/l/top"), Path.of("/l/base")), paths);

        FakeMounts.MountCall call = (FakeMounts.MountCall) fake.calls.getLast();
        assertEquals("overlay", call.fstype());
        assertEquals(paths.rootfs().toString(), call.target());
        assertEquals("lowerdir=/l/top:/l/base,upperdir=" + paths.upper() + ",workdir=" + paths.work(), call.data());
        assertTrue(Files.isDirectory(paths.upper()));
        assertTrue(Files.isDirectory(paths.work()));
        assertEquals(paths.dir().resolve("upper"), tmp.resolve("sandboxes/sb1/containers/c1/upper"));
    }

    @Test
    void unmountIsIdempotent() throws Exception {
        FakeMounts fake = new FakeMounts();
        RootfsMount rootfs = new RootfsMount(fake);
        ContainerPaths paths = new ContainerPaths(RootLayout.of(tmp), "sb1", "c1");
        rootfs.mount(List.of(Path.of("/l/a")), paths);
        rootfs.unmount(paths.rootfs());
        rootfs.unmount(paths.rootfs());
        assertTrue(fake.mounted.isEmpty());
    }

    @Test
    void aBusyRootfsIsDetached() throws Exception {
        FakeMounts fake = new FakeMounts();
        fake.mounted.add("/x/rootfs");
        new RootfsMount(fake.failNext(Errno.EBUSY)).unmount(Path.of("/x/rootfs"));
        assertEquals(new FakeMounts.UmountCall("/x/rootfs", Mounts.MNT_DETACH | Mounts.UMOUNT_NOFOLLOW), fake.calls.getLast());
    }

    @Test
    void aFailedMountIsAMountFailure() {
        FakeMounts fake = new FakeMounts().failNext(Errno.EINVAL, Errno.ENODEV);
        ContainerPaths paths = new ContainerPaths(RootLayout.of(tmp), "sb1", "c1");
        MountFailedException e = assertThrows(MountFailedException.class,
                () -> new RootfsMount(fake).mount(List.of(Path.of("/l/a")), paths));
        assertTrue(e.getMessage().contains("ENODEV"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("overlay"));
    }

    @Test
    void tooManyLayersForOnePageAreRefusedBeforeMounting() {
        List<Path> lowers = Collections.nCopies(60, Path.of("/var/lib/sandpod/layers/" + "a".repeat(64)));
        MountFailedException e = assertThrows(MountFailedException.class,
                () -> RootfsMount.options(lowers, Path.of("/u"), Path.of("/w"), Path.of("/t")));
        assertTrue(e.getMessage().contains("60 layers"), e.getMessage());
        assertThrows(MountFailedException.class,
                () -> RootfsMount.options(List.of(Path.of("/a:b")), Path.of("/u"), Path.of("/w"), Path.of("/t")));
    }
}
