package dev.sandpod.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandpod.core.SandpodException;
import dev.sandpod.core.sys.LinuxSyscalls;
import dev.sandpod.image.archive.ArchiveLoader;
import dev.sandpod.image.archive.ArchiveSaver;
import dev.sandpod.image.archive.ImageRecorder;
import dev.sandpod.image.oci.ImageConfig;
import dev.sandpod.image.oci.Platform;
import dev.sandpod.image.pull.ImagePuller;
import dev.sandpod.image.pull.PullProgress;
import dev.sandpod.image.pull.RegistryAccess;
import dev.sandpod.image.push.ImagePusher;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.ref.ImageRef;
import dev.sandpod.image.ref.InvalidReferenceException;
import dev.sandpod.image.store.ContentStore;
import dev.sandpod.image.store.GcGuard;
import dev.sandpod.image.store.ImageCatalog;
import dev.sandpod.image.store.ImageRecord;
import dev.sandpod.image.store.LayerStore;
import dev.sandpod.image.store.StoreCollector;
import dev.sandpod.image.store.StoreException;
import dev.sandpod.image.store.TreeUnpacker;
import dev.sandpod.image.unpack.Decompression;
import dev.sandpod.image.unpack.LayerUnpacker;
import dev.sandpod.state.ConfigReader;
import dev.sandpod.state.RegistrySecret;
import dev.sandpod.state.RootLayout;
import dev.sandpod.state.SandpodConfig;
import dev.sandpod.state.SecretStore;
import dev.sandpod.state.StateDb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/** The image store's one entry point for the CLI and the API: pull, push, load, save, list, remove, prune. */
public final class ImageService implements AutoCloseable {
    public static final String USER_AGENT = "sandpod/0.1";
    private final SandpodConfig config;
    private final StateDb db;
    private final SecretStore secrets;
    private final ContentStore content;
    private final LayerStore layers;
    private final ImageCatalog catalog;
    private final GcGuard guard;
    private final StoreCollector collector;

    private ImageService(RootLayout layout, SandpodConfig config, StateDb db) {
        this.config = config;
        this.db = db;
        this.secrets = new SecretStore(layout);
        this.content = new ContentStore(layout.contentDir());
        LayerUnpacker unpacker = new LayerUnpacker(new LinuxSyscalls());
        TreeUnpacker tree = (blob, target, label) -> {
            var result = unpacker.unpack(Decompression.open(blob), target, label);
            return new TreeUnpacker.Unpacked(result.diffId(), result.bytesWritten());
        };
        this.layers = new LayerStore(layout.layersDir(), layout.locksDir(), tree);
        this.catalog = new ImageCatalog(db);
        this.guard = new GcGuard(layout.locksDir());
        this.collector = new StoreCollector(content, layers, catalog, guard);
    }

    public static ImageService open(RootLayout layout) throws SandpodException {
        SandpodConfig config = ConfigReader.read(layout.configFile());
        return new ImageService(layout, config, StateDb.open(layout));
    }

    public SecretStore secrets() {
        return secrets;
    }

    public ImageRecord pull(String reference, Optional<String> secretName, Optional<Platform> platform, PullProgress progress)
            throws SandpodException {
        ImageRef ref = ImageRef.parse(reference);
        Optional<RegistrySecret> secret = secretName.isPresent() ? Optional.of(secrets.get(secretName.get())) : Optional.empty();
        ImageRecord pulled;
        try (GcGuard.Held held = guard.writing()) {
            pulled = new ImagePuller(new RegistryAccess(config, USER_AGENT), content, layers, catalog)
                    .pull(ref, platform.orElse(Platform.host()), secret, progress);
        } catch (IOException e) {
            throw StoreException.writing("a pull's lock", layersPath(), e);
        }
        evictOverHighWaterMark(pulled.manifestDigest());
        return pulled;
    }

    /** Pushes a stored image to the registry its name points at; returns the manifest digest. */
    public Digest push(String reference, Optional<String> secretName, BiConsumer<Digest, Boolean> report) throws SandpodException {
        ImageRef ref = ImageRef.parse(reference);
        ImageRecord image = resolve(reference);
        Optional<RegistrySecret> secret = secretName.isPresent() ? Optional.of(secrets.get(secretName.get())) : Optional.empty();
        var client = new RegistryAccess(config, USER_AGENT).clientFor(ref, secret);
        return new ImagePusher(content).push(image, ref, client, report);
    }

    /** Loads every image of an archive; all or nothing. */
    public List<ImageRecord> load(InputStream archive, String origin) throws SandpodException {
        List<ImageRecord> out = new ArrayList<>();
        try (GcGuard.Held held = guard.writing()) {
            ArchiveLoader loader = new ArchiveLoader(content);
            ArchiveLoader.Loaded loaded = loader.read(archive, origin, Platform.host());
            Set<Digest> existed = new HashSet<>();
            for (ArchiveLoader.FoundImage found : loaded.images()) {
                if (catalog.get(found.manifestDigest()).isPresent()) {
                    existed.add(found.manifestDigest());
                }
            }
            ImageRecorder recorder = new ImageRecorder(content, layers, catalog);
            try {
                for (ArchiveLoader.FoundImage found : loaded.images()) {
                    out.add(recorder.record(found, origin));
                }
            } catch (SandpodException | RuntimeException e) {
                undoLoad(out, existed, recorder.unpackedLayers(), e);
                loader.forget(loaded.added(), e);
                throw e;
            }
        } catch (IOException e) {
            throw StoreException.writing("a load's lock", layersPath(), e);
        }
        if (!out.isEmpty()) {
            evictOverHighWaterMark(out.getLast().manifestDigest());
        }
        return out;
    }

    /** Forgets the images a failed load recorded and removes the layers it unpacked that nothing else uses. */
    private void undoLoad(List<ImageRecord> recorded, Set<Digest> existed, List<Digest> unpacked, Exception cause) {
        try {
            for (ImageRecord image : recorded) {
                if (!existed.contains(image.manifestDigest())) {
                    catalog.remove(image.manifestDigest());
                }
            }
            Set<Digest> live = catalog.referencedChains();
            for (Digest chain : unpacked) {
                if (!live.contains(chain)) {
                    layers.delete(chain);
                    catalog.forgetLayer(chain);
                }
            }
        } catch (StoreException e) {
            cause.addSuppressed(e);
        }
    }

    public void save(List<String> references, OutputStream out) throws SandpodException {
        List<ImageRecord> images = new ArrayList<>();
        for (String reference : references) {
            images.add(resolve(reference));
        }
        new ArchiveSaver(content).save(images, out);
    }

    public List<ImageRecord> list() throws SandpodException {
        return catalog.list();
    }

    /** An image and its config, as `image inspect` shows them. */
    public record Details(ImageRecord image, JsonNode config) {
    }

    public Details inspect(String reference) throws SandpodException {
        ImageRecord image = resolve(reference);
        ImageConfig config = ImageConfig.parse(content.read(image.configDigest()), "config " + image.configDigest());
        return new Details(image, config.json());
    }

    public void tag(String source, String target) throws SandpodException {
        ImageRecord image = resolve(source);
        ImageRef ref = ImageRef.parse(target);
        catalog.save(image, List.of(ref.toString()));
    }

    /** Removes a name; the image goes too once no name and no sandbox holds it. Returns what was removed. */
    public List<String> remove(String reference, boolean force) throws SandpodException {
        ImageRecord image = resolve(reference);
        List<String> removed = new ArrayList<>();
        String name = canonicalName(reference).filter(image.names()::contains).orElse(null);
        if (name != null && image.names().size() > 1) {
            catalog.untag(name);
            removed.add("untagged " + name);
            return removed;
        }
        if (name == null && image.names().size() > 1 && !force) {
            // As docker does: removing by id must not silently drop several names at once.
            throw new ImageHasNamesException(reference, image.names());
        }
        if (catalog.inUse(image.manifestDigest()) && !force) {
            throw new ImageInUseException(reference);
        }
        image.names().forEach(n -> removed.add("untagged " + n));
        catalog.remove(image.manifestDigest());
        removed.add("deleted " + image.manifestDigest());
        collector.collect();
        return removed;
    }

    public record Pruned(int images, int blobs, int layers, long bytesFreed) {
    }

    /** Removes images with no name and no user, then every blob and layer nothing needs. */
    public Pruned prune() throws SandpodException {
        int images = 0;
        for (ImageRecord image : catalog.list()) {
            if (image.names().isEmpty() && !catalog.inUse(image.manifestDigest())) {
                catalog.remove(image.manifestDigest());
                images++;
            }
        }
        StoreCollector.Collected collected = collector.collect();
        return new Pruned(images, collected.blobs(), collected.layers(), collected.bytesFreed());
    }

    /** Evicts least recently used images that no sandbox uses until the store is under its high-water mark. */
    private void evictOverHighWaterMark(Digest keep) throws SandpodException {
        if (config.storeMaxBytes().isEmpty()) {
            return;
        }
        long max = config.storeMaxBytes().getAsLong();
        if (collector.usage() <= max) {
            return;
        }
        List<ImageRecord> candidates = new ArrayList<>(catalog.list());
        candidates.sort(Comparator.comparing(ImageRecord::lastUsedAt));
        for (ImageRecord image : candidates) {
            if (collector.usage() <= max) {
                return;
            }
            if (!image.manifestDigest().equals(keep) && !catalog.inUse(image.manifestDigest())) {
                catalog.remove(image.manifestDigest());
                collector.collect();
            }
        }
    }

    /** Finds a stored image by name (normalised as pull does), by digest, or by a unique id prefix. */
    public ImageRecord resolve(String reference) throws SandpodException {
        String text = reference.startsWith("sha256:") ? reference.substring(7) : reference;
        if (text.matches("[a-f0-9]{4,64}")) {
            List<Digest> matches = catalog.findByPrefix(text);
            if (matches.size() == 1) {
                return catalog.get(matches.getFirst()).orElseThrow();
            }
            if (matches.size() > 1) {
                throw new ImageNotFoundException(reference, matches.size() + " images have ids starting with " + text);
            }
        }
        ImageRef ref;
        try {
            ref = ImageRef.parse(reference);
        } catch (InvalidReferenceException e) {
            throw new ImageNotFoundException(reference);
        }
        Optional<Digest> manifest = ref.digest().isPresent() ? Optional.of(ref.digest().get()) : catalog.resolveName(ref.toString());
        if (manifest.isEmpty()) {
            throw new ImageNotFoundException(reference);
        }
        ImageRecord image = catalog.get(manifest.get()).orElseThrow(() -> new ImageNotFoundException(reference));
        catalog.touch(image.manifestDigest());
        return image;
    }

    private static Optional<String> canonicalName(String reference) {
        try {
            return Optional.of(ImageRef.parse(reference).toString());
        } catch (InvalidReferenceException e) {
            return Optional.empty();
        }
    }

    private static java.nio.file.Path layersPath() {
        return java.nio.file.Path.of("layers");
    }

    @Override
    public void close() throws StoreException {
        try {
            db.close();
        } catch (SQLException e) {
            throw new StoreException("can't close state.db: " + e.getMessage(), "check the state root", e);
        }
    }
}
