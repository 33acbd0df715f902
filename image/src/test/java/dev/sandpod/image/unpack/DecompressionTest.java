package dev.sandpod.image.unpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class DecompressionTest {
    private final byte[] tar = new LayerTars().file("etc/hostname", "box\n".repeat(50_000)).toBytes();

    private static byte[] read(byte[] blob) throws IOException {
        try (InputStream in = Decompression.open(new ByteArrayInputStream(blob))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    @Test
    void plainTarPassesThrough() throws IOException {
        assertArrayEquals(tar, read(tar));
    }

    @Test
    void gzipIsDetectedAndInflated() throws IOException {
        assertArrayEquals(tar, read(gzip(tar)));
    }

    @Test
    void everyMemberOfAMultiMemberGzipIsRead() throws IOException {
        int half = tar.length / 2;
        ByteArrayOutputStream blob = new ByteArrayOutputStream();
        blob.write(gzip(java.util.Arrays.copyOfRange(tar, 0, half)));
        blob.write(gzip(java.util.Arrays.copyOfRange(tar, half, tar.length)));
        assertArrayEquals(tar, read(blob.toByteArray()));
    }

    @Test
    void zstdIsDetectedAndDecompressed() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZstdOutputStream zstd = new ZstdOutputStream(out)) {
            zstd.write(tar);
        }
        assertArrayEquals(tar, read(out.toByteArray()));
    }

    @Test
    void anEmptyBlobIsAnEmptyStream() throws IOException {
        assertArrayEquals(new byte[0], read(new byte[0]));
    }
}
