package dev.sandpod.image.pull;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.oci.ImageConfig;
import dev.sandpod.image.oci.ImageManifest;
import dev.sandpod.image.oci.Platform;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.ref.ImageRef;
import dev.sandpod.image.store.ContentStore;
import dev.sandpod.image.store.ImageCatalog;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.image.store.LayerRecord;
import dev.sandpod.image.store.LayerStore;
import dev.sandpod.state.RegistrySecret;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pulls an image: resolve the manifest, fetch the config, then fetch and unpack the layers in parallel.
 * Only when every blob is verified and every layer unpacked is the image recorded and named, in one
 * transaction, so a failed or killed pull never leaves a half image behind a name.
 */
public final class ImagePuller {
    private final RegistryAccess access;
    private final ContentStore content;
    private final LayerStore layers;
    private final ImageCatalog catalog;

    public ImagePuller(RegistryAccess access, ContentStore content, LayerStore layers, ImageCatalog catalog) {
        this.access = access;
        this.content = content;
        this.layers = layers;
        this.catalog = catalog;
    }

    public ImageRecord pull(ImageRef ref, Platform platform, Optional<RegistrySecret> secret, PullProgress progress)
            throws SandpodException {
        ResolveManifest.Resolved resolved = new ResolveManifest(ref, platform, access.sourcesFor(ref, secret)).call();
        RegistryAccess.Source source = resolved.source();
        String origin = source.host() + "/" + ref.repository();
        Digest manifestDigest = resolved.manifest().digest();
        progress.resolved(ref.toString(), manifestDigest, source.host());

        FetchBlob fetch = new FetchBlob(source.client(), ref.repository(), origin, content, progress);
        ImageManifest manifest = resolved.image();
        fetch.call(manifest.config(), "config");
        ImageConfig config = ImageConfig.parse(content.read(manifest.config().digest()), origin + " config " + manifest.config().digest());
        List<LayerRecord> layerRecords = LayerRecord.of(manifest, config, origin);
        fetchAndUnpack(fetch, layerRecords, origin, progress);

        content.put(resolved.manifest().bytes());
        resolved.index().ifPresent(index -> putQuietly(index.bytes()));
        ImageRecord record = ImageRecord.stored(manifestDigest, resolved.manifest().bytes().length, manifest, config, layerRecords);
        catalog.save(record, namesFor(ref));
        if (resolved.index().isPresent()) {
            catalog.addBlob(manifestDigest, resolved.index().get().digest());
        }
        return catalog.get(manifestDigest).orElseThrow();
    }

    private void putQuietly(byte[] bytes) {
        try {
            content.put(bytes);
        } catch (SandpodException e) {
            // The index is only kept for `image save`; the image itself is whole without it.
            System.getLogger(ImagePuller.class.getName()).log(System.Logger.Level.WARNING, "can't keep the image index", e);
        }
    }

    /** The names a pulled image answers to: its tag, and its digest form when pulled by digest. */
    static List<String> namesFor(ImageRef ref) {
        List<String> names = new ArrayList<>();
        ref.tag().ifPresent(tag -> names.add(ref.name() + ":" + tag));
        ref.digest().ifPresent(d -> names.add(ref.name() + "@" + d));
        return names;
    }

    private void fetchAndUnpack(FetchBlob fetch, List<LayerRecord> records, String origin, PullProgress progress)
            throws SandpodException {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> tasks = new ArrayList<>();
            for (LayerRecord layer : records) {
                tasks.add(pool.submit(() -> {
                    fetch.call(layer.descriptor(), "layer");
                    long unpacked = layers.ensure(layer.chainId(), layer.diffId(),
                            () -> content.open(layer.blobDigest()), origin + " layer " + layer.blobDigest());
                    if (unpacked >= 0) {
                        catalog.recordLayer(layer.chainId(), layer.diffId(), unpacked);
                    }
                    progress.layerUnpacked(layer.blobDigest(), layer.chainId(), unpacked < 0);
                    return null;
                }));
            }
            awaitAll(tasks);
        }
    }

    /** Waits for every task; on the first failure cancels the rest and rethrows that failure. */
    static void awaitAll(List<Future<Void>> tasks) throws SandpodException {
        SandpodException failure = null;
        for (Future<Void> task : tasks) {
            try {
                task.get();
            } catch (ExecutionException e) {
                SandpodException cause = asSandpod(e.getCause());
                if (failure == null) {
                    failure = cause;
                    tasks.forEach(t -> t.cancel(true));
                } else if (cause != failure && !(e.getCause() instanceof InterruptedException)) {
                    failure.addSuppressed(cause);
                }
            } catch (java.util.concurrent.CancellationException e) {
                // Cancelled because another task failed; that failure is reported.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                tasks.forEach(t -> t.cancel(true));
                throw new PullInterruptedException(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static SandpodException asSandpod(Throwable t) {
        if (t instanceof SandpodException s) {
            return s;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error err) {
            throw err;
        }
        return new PullInterruptedException(t);
    }
}
