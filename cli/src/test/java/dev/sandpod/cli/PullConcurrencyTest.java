package dev.sandpod.cli;

import dev.sandpod.image.ImageService;
import dev.sandpod.image.oci.Platform;
import dev.sandpod.image.pull.PullProgress;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.state.RootLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Two pulls of one image at once share the work. */
class PullConcurrencyTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void twoPullsOfTheSameImageAtOnceBothSucceedAndFetchEachBlobOnce(@TempDir Path root) throws Exception {
        byte[] random = new byte[2 << 20];
        new Random(7).nextBytes(random);
        RawImage image = RawImage.of("data/blob.bin", random, RawImage.Compression.NONE, Platform.host());
        try (FakeRegistry fake = new FakeRegistry(); ExecutorService threads = Executors.newFixedThreadPool(2)) {
            fake.add("shared/image", "1", image);
            fake.throttle = 64 << 10; // about 6 MB/s: the two pulls overlap
            String ref = fake.host() + "/shared/image:1";
            CountDownLatch start = new CountDownLatch(1);
            List<Future<ImageRecord>> pulls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                pulls.add(threads.submit(() -> {
                    start.await();
                    try (ImageService images = ImageService.open(RootLayout.of(root))) {
                        return images.pull(ref, Optional.empty(), Optional.empty(), PullProgress.SILENT);
                    }
                }));
            }
            start.countDown();
            for (Future<ImageRecord> pull : pulls) {
                assertEquals(image.manifestDigest(), pull.get().manifestDigest());
            }
            assertEquals(2, fake.blobRequests.get(), "config and layer fetched once each");
        }
        assertArrayEquals(image.layer(), Files.readAllBytes(root.resolve("content/blobs/sha256/" + image.layerDigest().hex())));
        assertEquals(java.util.Set.of(), Roots.partials(root));
    }
}
