package dev.sandpod.image.unpack;

import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Opens a layer blob as a tar stream, choosing the decompressor by magic bytes rather than by media type. */
public final class Decompression {
    private static final int BUFFER = 64 * 1024;

    private Decompression() {
    }

    /** gzip (1f 8b, all members), zstd (28 b5 2f fd, all frames), or the input itself as plain tar. */
    public static InputStream open(InputStream compressed) throws IOException {
        BufferedInputStream in = new BufferedInputStream(compressed, BUFFER);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GZIPInputStream(in, BUFFER); // reads concatenated members too
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return new ZstdInputStream(in);
        }
        return in;
    }
}
