package dev.sandpod.api;

import dev.sandpod.image.build.ScratchImageBuilder;
import dev.sandpod.image.build.ScratchImageBuilder.LayerEntry;
import dev.sandpod.image.tar.TarEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A one-layer busybox image from Debian's busybox-static, so no test needs an outside registry. */
final class TestImages {
    private TestImages() {
    }

    static Path busyboxArchive(Path dir, String name) throws IOException {
        List<LayerEntry> layer = List.of(
                LayerEntry.of(TarEntry.dir("bin/")), LayerEntry.of(TarEntry.dir("etc/")),
                LayerEntry.hostFile("bin/busybox", 0755, Path.of("/bin/busybox")),
                LayerEntry.of(TarEntry.hardlink("bin/sh", "bin/busybox")),
                LayerEntry.file("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8)));
        Path archive = Files.createTempFile(dir, "image-", ".tar");
        try (OutputStream out = Files.newOutputStream(archive)) {
            new ScratchImageBuilder().layer(layer).cmd("/bin/sh").writeArchive(out, List.of(name), dir);
        }
        return archive;
    }
}
