package dev.sandpod.api.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClientWatchTest {
    /** A connection whose client has gone: every write fails, as a write to a closed socket does. */
    private static final class Gone extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("Broken pipe");
        }
    }

    @Test
    void theWorksResultIsReturned() throws Exception {
        NdjsonStream stream = new NdjsonStream(new ByteArrayOutputStream());
        assertEquals(Optional.of(42), ClientWatch.run(stream, "answer", () -> 42));
    }

    @Test
    void whatTheWorkThrowsIsThrown() {
        NdjsonStream stream = new NdjsonStream(new ByteArrayOutputStream());
        IOException e = assertThrows(IOException.class, () -> ClientWatch.run(stream, "failing", () -> {
            throw new IOException("registry down");
        }));
        assertEquals("registry down", e.getMessage());
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void workWhoseClientHasGoneIsInterruptedAndEndsBeforeTheCallReturns() throws Exception {
        NdjsonStream stream = new NdjsonStream(new Gone());
        CountDownLatch started = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean ended = new AtomicBoolean();
        Optional<String> result = ClientWatch.run(stream, "endless", () -> {
            started.countDown();
            stream.send("progress"); // fails: the client has gone
            try {
                Thread.sleep(TimeUnit.MINUTES.toMillis(10));
                return "finished";
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            } finally {
                ended.set(true);
            }
        });
        assertEquals(Optional.empty(), result);
        assertTrue(interrupted.get(), "the work was interrupted");
        assertTrue(ended.get(), "the work had ended when the call returned");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aQuietClientThatHasGoneIsNoticedByTheKeepAlive() throws Exception {
        NdjsonStream stream = new NdjsonStream(new Gone());
        Optional<String> result = ClientWatch.run(stream, "quiet", () -> {
            Thread.sleep(TimeUnit.MINUTES.toMillis(10)); // sends nothing
            return "finished";
        });
        assertEquals(Optional.empty(), result);
    }
}
