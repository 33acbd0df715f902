package dev.sandpod.sandbox.doctor;

import dev.sandpod.image.store.ContentStore;
import dev.sandpod.image.store.LayerStore;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The image store's leftovers of killed pulls: {@code content/ingest/*.partial} and {@code layers/.tmp-*}. Removal is
 * the store's own sweep, which takes each blob's or layer's lock first, so a pull still running is never disturbed;
 * what is still there after the sweep (held by a running pull) is reported as not removed.
 */
final class ImageStoreScan implements Scan {
    private final Path ingestDir;
    private final Path layersDir;
    private final ContentStore content;
    private final LayerStore layers;

    ImageStoreScan(RootLayout layout) {
        this.ingestDir = layout.contentDir().resolve("ingest");
        this.layersDir = layout.layersDir();
        this.content = new ContentStore(layout.contentDir());
        this.layers = new LayerStore(layout.layersDir(), layout.locksDir(), (blob, target, label) -> {
            throw new UnsupportedOperationException("doctor never unpacks layers");
        });
    }

    @Override
    public List<Leftover> scan(Ownership owned) throws DoctorException {
        List<Leftover> out = new ArrayList<>();
        try {
            for (Path partial : matching(ingestDir, "*.partial")) {
                out.add(Leftover.of(LeftoverKind.INGEST_PARTIAL, partial.toString(), () -> {
                    content.sweepPartials();
                    gone(partial);
                }));
            }
            for (Path temp : matching(layersDir, ".tmp-*")) {
                out.add(Leftover.of(LeftoverKind.LAYER_TEMP, temp.toString(), () -> {
                    layers.sweepTemps();
                    gone(temp);
                }));
            }
        } catch (IOException e) {
            throw new DoctorException("can't list the image store: " + e.getMessage(), "run doctor as root", e);
        }
        return out;
    }

    private static void gone(Path path) throws IOException {
        if (Files.exists(path)) {
            throw new IOException(path + " is still being written by a pull");
        }
    }

    private static List<Path> matching(Path dir, String glob) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, glob)) {
            entries.forEach(out::add);
        }
        out.sort(null);
        return out;
    }
}
