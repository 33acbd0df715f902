package dev.sandpod.image.store;

import dev.sandpod.image.oci.Platform;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.state.StateDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The image metadata in state.db: which names point at which manifests, and what each image is made of. */
public final class ImageCatalog {
    private final StateDb db;

    public ImageCatalog(StateDb db) {
        this.db = db;
    }

    /** Records an image and points the names at it, in one transaction: a pull is visible whole or not at all. */
    public void save(ImageRecord image, List<String> names) throws StoreException {
        run("record image " + image.manifestDigest(), c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT INTO images(manifest_digest, media_type, config_digest, platform, size, created_at, last_used_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(manifest_digest) DO UPDATE SET last_used_at = excluded.last_used_at""")) {
                s.setString(1, image.manifestDigest().toString());
                s.setString(2, image.mediaType());
                s.setString(3, image.configDigest().toString());
                s.setString(4, image.platform().toString());
                s.setLong(5, image.size());
                s.setLong(6, image.createdAt().toEpochMilli());
                s.setLong(7, image.lastUsedAt().toEpochMilli());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    INSERT OR IGNORE INTO image_layers(manifest_digest, position, blob_digest, media_type, blob_size, diff_id, chain_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                int position = 0;
                for (LayerRecord layer : image.layers()) {
                    s.setString(1, image.manifestDigest().toString());
                    s.setInt(2, position++);
                    s.setString(3, layer.blobDigest().toString());
                    s.setString(4, layer.mediaType());
                    s.setLong(5, layer.blobSize());
                    s.setString(6, layer.diffId().toString());
                    s.setString(7, layer.chainId().toString());
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO image_blobs(manifest_digest, blob_digest) VALUES (?, ?)")) {
                for (Digest blob : image.blobs()) {
                    s.setString(1, image.manifestDigest().toString());
                    s.setString(2, blob.toString());
                    s.executeUpdate();
                }
            }
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO image_names(name, manifest_digest) VALUES (?, ?)")) {
                for (String name : names) {
                    s.setString(1, name);
                    s.setString(2, image.manifestDigest().toString());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Extra blobs an image keeps alive, such as the index it was chosen from. */
    public void addBlob(Digest manifest, Digest blob) throws StoreException {
        run("record blob " + blob, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR IGNORE INTO image_blobs(manifest_digest, blob_digest) VALUES (?, ?)")) {
                s.setString(1, manifest.toString());
                s.setString(2, blob.toString());
                s.executeUpdate();
            }
            return null;
        });
    }

    public void recordLayer(Digest chainId, Digest diffId, long unpackedSize) throws StoreException {
        run("record layer " + chainId, c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO layers(chain_id, diff_id, unpacked_size) VALUES (?, ?, ?)")) {
                s.setString(1, chainId.toString());
                s.setString(2, diffId.toString());
                s.setLong(3, unpackedSize);
                s.executeUpdate();
            }
            return null;
        });
    }

    public Optional<Digest> resolveName(String name) throws StoreException {
        return run("look up " + name, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT manifest_digest FROM image_names WHERE name = ?")) {
                s.setString(1, name);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(digest(rs.getString(1))) : Optional.<Digest>empty();
                }
            }
        });
    }

    /** Manifest digests whose hex starts with the given prefix (for short ids as `image ls` shows them). */
    public List<Digest> findByPrefix(String hexPrefix) throws StoreException {
        return run("look up " + hexPrefix, c -> {
            List<Digest> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT manifest_digest FROM images WHERE manifest_digest LIKE ?")) {
                s.setString(1, "%:" + hexPrefix.replace("%", "").replace("_", "") + "%");
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        out.add(digest(rs.getString(1)));
                    }
                }
            }
            return out;
        });
    }

    public Optional<ImageRecord> get(Digest manifestDigest) throws StoreException {
        return run("read image " + manifestDigest, c -> load(c, manifestDigest.toString()));
    }

    public List<ImageRecord> list() throws StoreException {
        return run("list images", c -> {
            List<String> digests = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT manifest_digest FROM images ORDER BY created_at DESC");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    digests.add(rs.getString(1));
                }
            }
            List<ImageRecord> out = new ArrayList<>();
            for (String d : digests) {
                load(c, d).ifPresent(out::add);
            }
            return out;
        });
    }

    /** Removes a name; returns whether it existed. */
    public boolean untag(String name) throws StoreException {
        return run("remove name " + name, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM image_names WHERE name = ?")) {
                s.setString(1, name);
                return s.executeUpdate() > 0;
            }
        });
    }

    /** Removes an image record and its names; the blobs and layers go with the next garbage collection. */
    public void remove(Digest manifestDigest) throws StoreException {
        run("remove image " + manifestDigest, c -> {
            for (String sql : List.of("DELETE FROM image_names WHERE manifest_digest = ?",
                    "DELETE FROM image_users WHERE manifest_digest = ?",
                    "DELETE FROM images WHERE manifest_digest = ?")) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, manifestDigest.toString());
                    s.executeUpdate();
                }
            }
            return null;
        });
    }

    public boolean inUse(Digest manifestDigest) throws StoreException {
        return run("check users of " + manifestDigest, c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM image_users WHERE manifest_digest = ?")) {
                s.setString(1, manifestDigest.toString());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    public void touch(Digest manifestDigest) throws StoreException {
        run("mark use of " + manifestDigest, c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE images SET last_used_at = ? WHERE manifest_digest = ?")) {
                s.setLong(1, Instant.now().toEpochMilli());
                s.setString(2, manifestDigest.toString());
                s.executeUpdate();
            }
            return null;
        });
    }

    public Set<Digest> referencedBlobs() throws StoreException {
        return digests("SELECT DISTINCT blob_digest FROM image_blobs");
    }

    public Set<Digest> referencedChains() throws StoreException {
        return digests("SELECT DISTINCT chain_id FROM image_layers");
    }

    /** Unpacked bytes of all recorded layers, for the store's high-water mark. */
    public long unpackedBytes() throws StoreException {
        return run("sum layer sizes", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(unpacked_size), 0) FROM layers");
                 ResultSet rs = s.executeQuery()) {
                return rs.getLong(1);
            }
        });
    }

    public void forgetLayer(Digest chainId) throws StoreException {
        run("forget layer " + chainId, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM layers WHERE chain_id = ?")) {
                s.setString(1, chainId.toString());
                s.executeUpdate();
            }
            return null;
        });
    }

    private Set<Digest> digests(String sql) throws StoreException {
        return run("read the catalog", c -> {
            Set<Digest> out = new HashSet<>();
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(digest(rs.getString(1)));
                }
            }
            return out;
        });
    }

    private static Optional<ImageRecord> load(Connection c, String manifestDigest) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT media_type, config_digest, platform, size, created_at, last_used_at FROM images WHERE manifest_digest = ?")) {
            s.setString(1, manifestDigest);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<LayerRecord> layers = new ArrayList<>();
                try (PreparedStatement l = c.prepareStatement("""
                        SELECT blob_digest, media_type, blob_size, diff_id, chain_id FROM image_layers
                        WHERE manifest_digest = ? ORDER BY position""")) {
                    l.setString(1, manifestDigest);
                    try (ResultSet lr = l.executeQuery()) {
                        while (lr.next()) {
                            layers.add(new LayerRecord(digest(lr.getString(1)), lr.getString(2), lr.getLong(3),
                                    digest(lr.getString(4)), digest(lr.getString(5))));
                        }
                    }
                }
                List<String> names = new ArrayList<>();
                try (PreparedStatement n = c.prepareStatement("SELECT name FROM image_names WHERE manifest_digest = ? ORDER BY name")) {
                    n.setString(1, manifestDigest);
                    try (ResultSet nr = n.executeQuery()) {
                        while (nr.next()) {
                            names.add(nr.getString(1));
                        }
                    }
                }
                return Optional.of(new ImageRecord(digest(manifestDigest), rs.getString(1), digest(rs.getString(2)),
                        Platform.parse(rs.getString(3)), rs.getLong(4), Instant.ofEpochMilli(rs.getLong(5)),
                        Instant.ofEpochMilli(rs.getLong(6)), layers, names));
            }
        }
    }

    private static Digest digest(String text) {
        int colon = text.indexOf(':');
        return new Digest(text.substring(0, colon), text.substring(colon + 1));
    }

    private <T> T run(String what, StateDb.Work<T> work) throws StoreException {
        try {
            return db.inTransaction(work);
        } catch (SQLException e) {
            if (StoreException.isDiskFull(e) || String.valueOf(e.getMessage()).contains("SQLITE_FULL")) {
                throw new StoreException("disk full: can't " + what + " in state.db",
                        "free space on the state root's file system or run `sandpod image prune`", e);
            }
            throw new StoreException("can't " + what + " in state.db: " + e.getMessage(), "check the state root", e);
        }
    }
}
