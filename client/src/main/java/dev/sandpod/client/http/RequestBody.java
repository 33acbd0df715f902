package dev.sandpod.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.OptionalLong;

/** A request body: bytes of known length (sent with Content-Length) or a stream (sent chunked). */
public sealed interface RequestBody {
    String contentType();

    /** The length, when known before sending. */
    OptionalLong length();

    void writeTo(OutputStream out) throws IOException;

    static Optional<RequestBody> none() {
        return Optional.empty();
    }

    static RequestBody bytes(String contentType, byte[] bytes) {
        return new Bytes(contentType, bytes);
    }

    static RequestBody stream(String contentType, InputStream in) {
        return new Stream(contentType, in);
    }

    record Bytes(String contentType, byte[] bytes) implements RequestBody {
        @Override
        public OptionalLong length() {
            return OptionalLong.of(bytes.length);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(bytes);
        }
    }

    record Stream(String contentType, InputStream in) implements RequestBody {
        @Override
        public OptionalLong length() {
            return OptionalLong.empty();
        }

        /** Flushes whenever the source has nothing more at hand, so input typed or piped slowly goes out as it comes. */
        @Override
        public void writeTo(OutputStream out) throws IOException {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        }
    }
}
