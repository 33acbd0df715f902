package dev.sandpod.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A tar stream written by one thread and read as an InputStream by another (an upload), a few chunks buffered.
 * If the writer fails, the reader fails too (an IOException, never a clean end that would look like a shorter
 * archive); if the reader goes away ({@link #close()}), the writer's next write fails and it stops.
 */
final class TarPipe implements AutoCloseable {
    @FunctionalInterface
    interface Producer {
        void writeTo(OutputStream out) throws Exception;
    }

    private static final byte[] END = new byte[0];
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(16);
    private final Thread thread;
    private volatile Exception failure;
    private volatile boolean closed;

    private TarPipe(Producer producer) {
        thread = Thread.ofVirtual().name("tar-pipe").start(() -> {
            try (OutputStream out = new java.io.BufferedOutputStream(new Sink(), 64 * 1024)) {
                producer.writeTo(out);
            } catch (Exception e) {
                failure = e;
            }
            offer(END);
        });
    }

    static TarPipe start(Producer producer) {
        return new TarPipe(producer);
    }

    InputStream input() {
        return new Source();
    }

    /** Why the writer failed, once it has ended. */
    Optional<Exception> failure() throws InterruptedException {
        thread.join();
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        chunks.clear();
        thread.join();
    }

    private boolean offer(byte[] chunk) {
        try {
            while (!closed) {
                if (chunks.offer(chunk, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private final class Sink extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > 0 && !offer(java.util.Arrays.copyOfRange(b, off, off + len))) {
                throw new IOException("the upload stopped reading the archive");
            }
        }
    }

    private final class Source extends InputStream {
        private byte[] chunk = new byte[0];
        private int at;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (at == chunk.length) {
                if (ended) {
                    return -1;
                }
                try {
                    chunk = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while reading the archive", e);
                }
                at = 0;
                if (chunk == END) {
                    ended = true;
                    if (failure != null) {
                        throw new IOException("making the archive failed: " + failure.getMessage(), failure);
                    }
                }
            }
            int n = Math.min(len, chunk.length - at);
            System.arraycopy(chunk, at, b, off, n);
            at += n;
            return n;
        }
    }
}
