package dev.sandpod.runtime;

import dev.sandpod.testing.TestImages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandpod.core.sys.LinuxMounts;
import dev.sandpod.image.ImageService;
import dev.sandpod.image.build.ScratchImageBuilder;
import dev.sandpod.image.build.ScratchImageBuilder.LayerEntry;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.image.store.LayerStore;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.state.RootLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real overlayfs as root: whiteouts hide lower files, the upper dir survives a remount. */
class RootfsMountE2ETest {
    @TempDir
    Path tmp;
    private RootLayout layout;
    private final RootfsMount rootfs = new RootfsMount(new LinuxMounts());

    @BeforeEach
    void setUp() {
        assumeTrue(!"false".equals(System.getProperty("sandpod.e2e")), "end-to-end tests disabled with -Dsandpod.e2e=false");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        layout = RootLayout.of(tmp.resolve("root"));
    }

    @AfterEach
    void noMountsLeft() throws Exception {
        if (layout != null) {
            assertEquals(List.of(), Leaks.mountsUnder(layout.root()));
        }
    }

    @Test
    void aFileWhitedOutByTheSecondLayerIsAbsentAndWritesSurviveARemount() throws Exception {
        ContainerPaths paths = new ContainerPaths(layout, "sb1", "c1");
        try (ImageService images = ImageService.open(layout)) {
            ImageRecord image = TestImages.load(images, tmp, "test/whiteout:1", new ScratchImageBuilder()
                    .layer(List.of(LayerEntry.of(TarEntry.dir("etc/")),
                            LayerEntry.file("etc/secret", 0644, "s".getBytes(StandardCharsets.UTF_8)),
                            LayerEntry.file("etc/kept", 0644, "k".getBytes(StandardCharsets.UTF_8))))
                    .layer(List.of(LayerEntry.of(TarEntry.dir("etc/")), LayerEntry.file("etc/.wh.secret", 0644, new byte[0]))));
            LayerStore layers = new LayerStore(layout.layersDir(), layout.locksDir(), (b, t, l) -> {
                throw new UnsupportedOperationException();
            });
            List<Path> lowers = RootfsMount.lowerDirs(image, layers);
            assertEquals(layers.path(image.layers().getLast().chainId()), lowers.getFirst());
            try {
                rootfs.mount(lowers, paths);
                assertFalse(Files.exists(paths.rootfs().resolve("etc/secret")));
                assertEquals("k", Files.readString(paths.rootfs().resolve("etc/kept")));

                Files.writeString(paths.rootfs().resolve("etc/written"), "w");
                rootfs.unmount(paths.rootfs());
                assertFalse(Files.exists(paths.rootfs().resolve("etc/written")));
                rootfs.mount(lowers, paths);
                assertEquals("w", Files.readString(paths.rootfs().resolve("etc/written")));
                assertTrue(Files.exists(paths.upper().resolve("etc/written")));
            } finally {
                rootfs.unmount(paths.rootfs());
                rootfs.unmount(paths.rootfs());
            }
        }
    }
}
