package dev.sandpod.image.store;

import dev.sandpod.core.IoErrors;

import dev.sandpod.core.FileTrees;

import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ref.Digest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Unpacked layers under {@code layers/HEX-of-chain-id}, each made once and shared read-only. A tree is built in
 * a {@code .tmp-} directory and renamed into place only when whole and verified, so a killed unpack leaves
 * nothing a later one trips over.
 */
public final class LayerStore {
    private final Path dir;
    private final TreeUnpacker unpacker;
    private final KeyedLock locks;

    public LayerStore(Path layersDir, Path locksDir, TreeUnpacker unpacker) {
        this.dir = layersDir;
        this.unpacker = unpacker;
        this.locks = new KeyedLock(locksDir);
    }

    public Path path(Digest chainId) {
        return dir.resolve(chainId.hex());
    }

    public boolean has(Digest chainId) {
        return Files.isDirectory(path(chainId));
    }

    public interface BlobSource {
        InputStream open() throws SandpodException, IOException;
    }

    /**
     * Makes sure the layer is unpacked; returns the unpacked size if this call unpacked it, -1 if it was there.
     * The uncompressed stream must hash to diffId, else nothing is kept.
     */
    public long ensure(Digest chainId, Digest diffId, BlobSource blob, String label) throws SandpodException {
        Path target = path(chainId);
        try (KeyedLock.Held held = locks.acquire("layer-" + chainId.hex())) {
            if (Files.isDirectory(target)) {
                return -1;
            }
            removeTemps(chainId);
            Files.createDirectories(dir);
            Path temp = dir.resolve(".tmp-" + chainId.hex() + "-" + ProcessHandle.current().pid());
            Files.createDirectory(temp);
            try {
                TreeUnpacker.Unpacked unpacked;
                try (InputStream in = blob.open()) {
                    unpacked = unpacker.unpack(in, temp, label);
                }
                if (!unpacked.diffId().equals(diffId)) {
                    throw new BlobVerificationException(diffId, label,
                            "the uncompressed layer has digest " + unpacked.diffId() + ", but the image config says " + diffId);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                return unpacked.bytes();
            } catch (SandpodException | IOException | RuntimeException e) {
                deleteTree(temp, e);
                throw e;
            }
        } catch (IOException e) {
            throw StoreException.writing("layer " + label, dir, e);
        }
    }

    public void delete(Digest chainId) throws StoreException {
        try (KeyedLock.Held held = locks.acquire("layer-" + chainId.hex())) {
            Path target = path(chainId);
            if (Files.exists(target)) {
                // Rename first so a half-deleted tree is never mistaken for a whole one.
                Path doomed = dir.resolve(".tmp-" + chainId.hex() + "-rm");
                Files.move(target, doomed, StandardCopyOption.ATOMIC_MOVE);
                FileTrees.deleteTree(doomed);
            }
        } catch (IOException e) {
            throw new StoreException("can't remove layer " + chainId + ": " + IoErrors.describe(e), "check the state root", e);
        }
    }

    /** Chain ids of all unpacked layers. */
    public List<Digest> list() throws StoreException {
        List<Digest> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.matches("[a-f0-9]{64}")) {
                    out.add(new Digest("sha256", name));
                }
            }
        } catch (IOException e) {
            throw new StoreException("can't list " + dir + ": " + IoErrors.describe(e), "check the state root", e);
        }
        return out;
    }

    /** Removes temporary trees of killed unpacks nobody is working on; returns how many. */
    public int sweepTemps() throws StoreException {
        int swept = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        List<String> chains = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".tmp-*")) {
            for (Path entry : entries) {
                chains.add(entry.getFileName().toString().substring(5, 5 + 64));
            }
        } catch (IOException | IndexOutOfBoundsException e) {
            throw new StoreException("can't list " + dir + ": " + e.getMessage(), "check the state root", e);
        }
        for (String hex : chains.stream().distinct().toList()) {
            try (KeyedLock.Held held = locks.acquire("layer-" + hex)) {
                swept += removeTemps(new Digest("sha256", hex));
            } catch (IOException e) {
                throw new StoreException("can't sweep " + dir + ": " + IoErrors.describe(e), "check the state root", e);
            }
        }
        return swept;
    }

    private int removeTemps(Digest chainId) throws IOException {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, ".tmp-" + chainId.hex() + "-*")) {
            for (Path entry : entries) {
                FileTrees.deleteTree(entry);
                removed++;
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return 0;
        }
        return removed;
    }

    private static void deleteTree(Path root, Exception primary) {
        try {
            FileTrees.deleteTree(root);
        } catch (IOException cleanup) {
            primary.addSuppressed(cleanup);
        }
    }

}
