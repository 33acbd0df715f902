package dev.sandpod.cli;

import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.image.tar.TarWriter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Builds tars in memory with {@link TarWriter}, hostile ones included (it writes any name it is given). */
final class TarBytes {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarWriter writer = new TarWriter(bytes);

    TarBytes add(TarEntry entry) {
        return add(entry, new byte[0]);
    }

    TarBytes file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8));
    }

    TarBytes file(String name, byte[] content) {
        return add(TarEntry.file(name, 0644, content.length), content);
    }

    TarBytes add(TarEntry entry, byte[] content) {
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
