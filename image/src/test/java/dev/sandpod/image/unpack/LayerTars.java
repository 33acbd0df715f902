package dev.sandpod.image.unpack;

import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.image.tar.TarWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds layer tars in memory, hostile ones included. */
final class LayerTars {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarWriter writer = new TarWriter(bytes);

    LayerTars add(TarEntry entry) {
        return add(entry, new byte[0]);
    }

    LayerTars file(String name, String content) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        return add(TarEntry.file(name, 0644, data.length), data);
    }

    LayerTars add(TarEntry entry, byte[] content) {
        try {
            writer.add(entry, new ByteArrayInputStream(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    byte[] toBytes() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
