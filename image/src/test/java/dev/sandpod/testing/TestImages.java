package dev.sandpod.testing;

import dev.sandpod.image.ImageService;
import dev.sandpod.image.build.ScratchImageBuilder;
import dev.sandpod.image.build.ScratchImageBuilder.LayerEntry;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.image.tar.TarEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Images the end-to-end tests of several modules build from Debian's busybox-static and load into a root's store. */
public final class TestImages {
    public static final Path BUSYBOX = Path.of("/bin/busybox");

    private TestImages() {
    }

    /** The busybox layer: the binary, sh as a hard link, passwd and group. */
    public static List<LayerEntry> busyboxLayer() throws IOException {
        List<LayerEntry> entries = new ArrayList<>();
        for (String d : List.of("bin/", "etc/", "tmp/")) {
            entries.add(LayerEntry.of(TarEntry.dir(d)));
        }
        entries.add(LayerEntry.hostFile("bin/busybox", 0755, BUSYBOX));
        entries.add(LayerEntry.of(TarEntry.hardlink("bin/sh", "bin/busybox")));
        entries.add(LayerEntry.file("etc/passwd", 0644,
                "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n".getBytes(StandardCharsets.UTF_8)));
        entries.add(LayerEntry.file("etc/group", 0644, "root:x:0:\nnogroup:x:65534:\n".getBytes(StandardCharsets.UTF_8)));
        return entries;
    }

    /** Builds the image into an archive under {@code work} and loads it into the store. */
    public static ImageRecord load(ImageService images, Path work, String name, ScratchImageBuilder builder) throws Exception {
        Path archive = Files.createTempFile(work, "image-", ".tar");
        try {
            try (OutputStream out = Files.newOutputStream(archive)) {
                builder.writeArchive(out, List.of(name), work);
            }
            try (InputStream in = Files.newInputStream(archive)) {
                return images.load(in, archive.toString()).getFirst();
            }
        } finally {
            Files.deleteIfExists(archive);
        }
    }

    public static ImageRecord busybox(ImageService images, Path work) throws Exception {
        return load(images, work, "test/busybox:1", new ScratchImageBuilder().layer(busyboxLayer()).cmd("/bin/sh"));
    }
}
