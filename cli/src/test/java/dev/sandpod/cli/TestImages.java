package dev.sandpod.cli;

import dev.sandpod.image.build.ScratchImageBuilder;
import dev.sandpod.image.build.ScratchImageBuilder.LayerEntry;
import dev.sandpod.image.tar.TarEntry;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Images the tests make themselves from Debian's busybox-static, so no test needs an outside registry. */
final class TestImages {
    static final Path BUSYBOX = Path.of("/bin/busybox");

    private TestImages() {
    }

    /** A one-layer busybox image named {@code name}, written as an archive in {@code dir}; returns the archive. */
    static Path busyboxArchive(Path dir, String name) throws IOException {
        return archive(dir, name, new ScratchImageBuilder().layer(busyboxLayer()).cmd("/bin/sh"));
    }

    /** The busybox layer: the binary, a few applets as hard links, passwd and group. */
    static List<LayerEntry> busyboxLayer() throws IOException {
        List<LayerEntry> entries = new ArrayList<>();
        for (String d : List.of("bin/", "etc/", "tmp/")) {
            entries.add(LayerEntry.of(TarEntry.dir(d)));
        }
        entries.add(LayerEntry.hostFile("bin/busybox", 0755, BUSYBOX));
        entries.add(LayerEntry.of(TarEntry.hardlink("bin/sh", "bin/busybox")));
        entries.add(LayerEntry.file("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8)));
        entries.add(LayerEntry.file("etc/group", 0644, "root:x:0:\n".getBytes(StandardCharsets.UTF_8)));
        return entries;
    }

    /** A layer of one file with the given content, for multi-layer and size tests. */
    static List<LayerEntry> fileLayer(String path, byte[] content) {
        return List.of(LayerEntry.file(path, 0644, content));
    }

    static Path archive(Path dir, String name, ScratchImageBuilder builder) throws IOException {
        Path archive = Files.createTempFile(dir, "image-", ".tar");
        try (OutputStream out = Files.newOutputStream(archive)) {
            builder.writeArchive(out, List.of(name), dir);
        }
        return archive;
    }
}
