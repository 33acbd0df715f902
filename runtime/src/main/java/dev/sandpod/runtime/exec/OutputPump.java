package dev.sandpod.runtime.exec;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * Reads one output stream of a command into a {@link HeadTailBuffer} on its own thread. {@link #finish} seals the
 * capture; the thread then goes on draining (and dropping) until the last writer closes the pipe, so a background
 * process that still writes to it never dies of SIGPIPE.
 */
final class OutputPump {
    private static final int CHUNK = 64 * 1024;
    private final HeadTailBuffer buffer;
    private final ExecOutputListener listener;
    private final ExecStream stream;
    private final Thread thread;
    private boolean sealed;

    private OutputPump(ExecStream stream, long limit, ExecOutputListener listener, InputStream in, String execId) {
        this.stream = stream;
        this.buffer = new HeadTailBuffer(limit);
        this.listener = listener;
        this.thread = Thread.ofPlatform().daemon().name("exec-" + execId + "-" + stream.name().toLowerCase())
                .unstarted(() -> pump(in));
    }

    static OutputPump start(String execId, ExecStream stream, InputStream in, long limit, ExecOutputListener listener) {
        OutputPump pump = new OutputPump(stream, limit, listener, in, execId);
        pump.thread.start();
        return pump;
    }

    private void pump(InputStream in) {
        byte[] chunk = new byte[CHUNK];
        try (in) {
            int n;
            while ((n = in.read(chunk)) >= 0) {
                synchronized (this) {
                    if (sealed) {
                        continue;
                    }
                    buffer.write(chunk, 0, n);
                    listener.output(stream, chunk, 0, n);
                }
            }
        } catch (IOException e) {
            // the pipe broke: what was read so far is the output
        }
    }

    /** Waits up to {@code wait} for the end of the stream, then seals and returns what was kept. */
    CapturedOutput finish(Duration wait) throws InterruptedException {
        thread.join(wait);
        synchronized (this) {
            sealed = true;
            return buffer.captured();
        }
    }
}
