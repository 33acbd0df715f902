package dev.sandpod.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.state.StateDb;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Write-ahead log of outside objects: {@link #begin} is committed before the object is made, {@link #finish} in
 * the same transaction that records the object (or after it was undone). A crash in between leaves the intent
 * pending, and {@link IntentRecovery} finishes or undoes it on the next open.
 */
public final class IntentLog {
    public static final String POD_NETWORK = "pod-network";
    public static final String POD_FILES = "pod-files";
    public static final String CONTAINER_CREATE = "container-create";
    public static final String CONTAINER_RECREATE = "container-recreate";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StateDb db;
    private final SandboxStore store;
    private final Clock clock;

    IntentLog(StateDb db, SandboxStore store, Clock clock) {
        this.db = db;
        this.store = store;
        this.clock = clock;
    }

    /** Logs the intent and commits it; only then may the caller make the object. */
    public long begin(String action, String sandboxId, Map<String, String> payload) throws SandboxException {
        ObjectNode json = JSON.createObjectNode();
        payload.forEach(json::put);
        try {
            return db.inTransaction(c -> {
                SandboxStore.update(c, "INSERT INTO intents (action, object, payload, created_at) VALUES (?, ?, ?, ?)",
                        action, sandboxId, json.toString(), clock.millis());
                try (var s = c.createStatement(); var rs = s.executeQuery("SELECT last_insert_rowid()")) {
                    return rs.getLong(1);
                }
            });
        } catch (SQLException e) {
            throw SandboxStateException.db("logging intent " + action, e);
        }
    }

    /** Marks the intent done inside the caller's transaction (the one that records the object). */
    void finish(Connection c, long id) throws SQLException {
        SandboxStore.update(c, "UPDATE intents SET finished = ? WHERE id = ?", clock.millis(), id);
    }

    /** Marks the intent done on its own: the object was undone, or needs no record. */
    public void finish(long id) throws SandboxException {
        try {
            db.inTransaction(c -> {
                finish(c, id);
                return null;
            });
        } catch (SQLException e) {
            throw SandboxStateException.db("finishing intent " + id, e);
        }
    }

    /** Deletes intents finished before {@code before}: they are only an audit trail once finished. */
    void pruneFinished(Instant before) throws SandboxException {
        store.write("pruning finished intents", "DELETE FROM intents WHERE finished IS NOT NULL AND finished < ?",
                before.toEpochMilli());
    }

    /** Intents begun and never finished, oldest first. */
    public List<Intent> pending() throws SandboxException {
        return store.query("reading pending intents", "SELECT id, action, object, payload, created_at FROM intents "
                + "WHERE finished IS NULL ORDER BY id", rs -> {
            try {
                return new Intent(rs.getLong(1), rs.getString(2), rs.getString(3), JSON.readTree(rs.getString(4)),
                        Instant.ofEpochMilli(rs.getLong(5)));
            } catch (IOException e) {
                throw new SQLException("unreadable intent payload: " + e.getMessage(), e);
            }
        });
    }
}
