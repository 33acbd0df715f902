package dev.sandpod.image.store;

import dev.sandpod.image.ref.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentStoreTest {
    private static final byte[] DATA = "the content of a blob\n".repeat(100).getBytes(StandardCharsets.UTF_8);
    private static final Digest DIGEST = Digest.sha256(DATA);

    @TempDir
    Path contentDir;

    private ContentStore store() {
        return new ContentStore(contentDir);
    }

    private List<String> ingestFiles() throws IOException {
        Path ingest = contentDir.resolve("ingest");
        if (!Files.exists(ingest)) {
            return List.of();
        }
        try (var files = Files.list(ingest)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial")).toList();
        }
    }

    @Test
    void anIngestBecomesVisibleOnlyWhenCommitted() throws Exception {
        ContentStore store = store();
        try (Ingest ingest = store.ingest(DIGEST, DATA.length, "test")) {
            assertFalse(ingest.alreadyStored());
            try (OutputStream out = ingest.output()) {
                out.write(DATA);
            }
            assertFalse(store.has(DIGEST), "not visible before commit");
            assertEquals(List.of(), store.list());
            ingest.commit();
        }
        assertTrue(store.has(DIGEST));
        assertArrayEquals(DATA, store.read(DIGEST));
        assertEquals(List.of(DIGEST), store.list());
        assertEquals(List.of(), ingestFiles());
    }

    @Test
    void aDigestMismatchLeavesNothing() throws Exception {
        ContentStore store = store();
        byte[] other = DATA.clone();
        other[0] ^= 1;
        try (Ingest ingest = store.ingest(DIGEST, DATA.length, "test registry")) {
            try (OutputStream out = ingest.output()) {
                out.write(other);
            }
            var e = assertThrows(BlobVerificationException.class, ingest::commit);
            assertTrue(e.getMessage().contains(DIGEST.toString()) && e.getMessage().contains("test registry"), e.getMessage());
        }
        assertFalse(store.has(DIGEST));
        assertEquals(List.of(), ingestFiles());
    }

    @Test
    void aShortBlobLeavesNothing() throws Exception {
        ContentStore store = store();
        try (Ingest ingest = store.ingest(DIGEST, DATA.length, "test")) {
            try (OutputStream out = ingest.output()) {
                out.write(DATA, 0, 10);
            }
            assertThrows(BlobVerificationException.class, ingest::commit);
        }
        assertFalse(store.has(DIGEST));
        assertEquals(List.of(), ingestFiles());
    }

    @Test
    void writingMoreThanTheAnnouncedSizeIsRefused() throws Exception {
        ContentStore store = store();
        try (Ingest ingest = store.ingest(DIGEST, 10, "test"); OutputStream out = ingest.output()) {
            var e = assertThrows(IOException.class, () -> out.write(DATA));
            assertTrue(e.getCause() instanceof BlobVerificationException, String.valueOf(e.getCause()));
        }
        assertFalse(store.has(DIGEST));
    }

    @Test
    void anIngestResumesFromAPartialFile() throws Exception {
        ContentStore store = store();
        try (Ingest first = store.ingest(DIGEST, DATA.length, "test"); OutputStream out = first.output()) {
            out.write(DATA, 0, 100);
            // Killed here: no commit.
        }
        assertFalse(store.has(DIGEST));
        try (Ingest second = store.ingest(DIGEST, DATA.length, "test")) {
            assertEquals(100, second.offset());
            try (OutputStream out = second.output()) {
                out.write(DATA, 100, DATA.length - 100);
            }
            second.commit();
        }
        assertArrayEquals(DATA, store.read(DIGEST));
    }

    @Test
    void aPartialLargerThanTheBlobIsDiscarded() throws Exception {
        ContentStore store = store();
        Files.createDirectories(contentDir.resolve("ingest"));
        Files.write(store.partialPath(DIGEST), new byte[DATA.length + 1]);
        try (Ingest ingest = store.ingest(DIGEST, DATA.length, "test")) {
            assertEquals(0, ingest.offset());
        }
    }

    @Test
    void aSecondIngestOfTheSameDigestWaitsForTheFirstAndSeesItStored() throws Exception {
        ContentStore store = store();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            secondIngestWaits(store, threads);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void secondIngestWaits(ContentStore store, ExecutorService threads) throws Exception {
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            try (Ingest ingest = store.ingest(DIGEST, DATA.length, "first")) {
                firstHolds.countDown();
                assertTrue(secondStarted.await(30, TimeUnit.SECONDS));
                try (OutputStream out = ingest.output()) {
                    out.write(DATA);
                }
                ingest.commit();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, threads);
        assertTrue(firstHolds.await(30, TimeUnit.SECONDS));
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> {
            secondStarted.countDown();
            try (Ingest ingest = store.ingest(DIGEST, DATA.length, "second")) {
                return ingest.alreadyStored();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        }, threads);
        first.get(60, TimeUnit.SECONDS);
        assertTrue(second.get(60, TimeUnit.SECONDS), "the second ingest found the blob the first one stored");
    }

    @Test
    void putStoresBytesUnderTheirDigestOnce() throws Exception {
        ContentStore store = store();
        assertEquals(DIGEST, store.put(DATA));
        assertEquals(DIGEST, store.put(DATA));
        assertEquals(List.of(DIGEST), store.list());
    }

    @Test
    void putStreamReportsWhetherTheBlobIsNew() throws Exception {
        ContentStore store = store();
        ContentStore.Stored first = store.putStream(new ByteArrayInputStream(DATA));
        assertEquals(new ContentStore.Stored(DIGEST, DATA.length, true), first);
        assertFalse(store.putStream(new ByteArrayInputStream(DATA)).added());
        assertEquals(List.of(), ingestFiles());
    }

    @Test
    void sweepRemovesAbandonedPartials() throws Exception {
        ContentStore store = store();
        try (Ingest ingest = store.ingest(DIGEST, DATA.length, "test"); OutputStream out = ingest.output()) {
            out.write(DATA, 0, 50);
        }
        assertEquals(50, store.sweepPartials());
        assertEquals(List.of(), ingestFiles());
    }

    @Test
    void openingAMissingBlobSaysSoWithAHint() {
        var e = assertThrows(StoreException.class, () -> store().open(DIGEST));
        assertTrue(e.getMessage().contains(DIGEST.toString()), e.getMessage());
        assertTrue(e.hint().isPresent());
    }
}
