package dev.sandpod.state;

import dev.sandpod.core.IoErrors;

import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The root's SQLite database (WAL). One connection per process, used by one thread at a time;
 * other processes on the same root wait on SQLite's busy timeout rather than fail.
 */
public final class StateDb implements AutoCloseable {
    /** Schema steps in order; step i brings user_version from i to i+1. Never edit a released step. */
    private static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE images (
              manifest_digest TEXT PRIMARY KEY,
              media_type TEXT NOT NULL,
              config_digest TEXT NOT NULL,
              platform TEXT NOT NULL,
              size INTEGER NOT NULL,
              created_at INTEGER NOT NULL,
              last_used_at INTEGER NOT NULL
            );
            CREATE TABLE image_names (
              name TEXT PRIMARY KEY,
              manifest_digest TEXT NOT NULL REFERENCES images(manifest_digest)
            );
            CREATE TABLE image_layers (
              manifest_digest TEXT NOT NULL REFERENCES images(manifest_digest) ON DELETE CASCADE,
              position INTEGER NOT NULL,
              blob_digest TEXT NOT NULL,
              media_type TEXT NOT NULL,
              blob_size INTEGER NOT NULL,
              diff_id TEXT NOT NULL,
              chain_id TEXT NOT NULL,
              PRIMARY KEY (manifest_digest, position)
            );
            CREATE TABLE image_blobs (
              manifest_digest TEXT NOT NULL REFERENCES images(manifest_digest) ON DELETE CASCADE,
              blob_digest TEXT NOT NULL,
              PRIMARY KEY (manifest_digest, blob_digest)
            );
            CREATE TABLE layers (
              chain_id TEXT PRIMARY KEY,
              diff_id TEXT NOT NULL,
              unpacked_size INTEGER NOT NULL
            );
            CREATE TABLE image_users (
              manifest_digest TEXT NOT NULL REFERENCES images(manifest_digest),
              sandbox_id TEXT NOT NULL,
              PRIMARY KEY (manifest_digest, sandbox_id)
            );
            """, """
            CREATE TABLE sandboxes (
              id TEXT PRIMARY KEY,
              name TEXT NOT NULL UNIQUE,
              created_at INTEGER NOT NULL,
              desired TEXT NOT NULL
            );
            CREATE TABLE services (
              sandbox_id TEXT NOT NULL REFERENCES sandboxes(id) ON DELETE CASCADE,
              name TEXT NOT NULL,
              hostname TEXT NOT NULL,
              netns TEXT,
              ip TEXT,
              gateway TEXT,
              subnet TEXT,
              files_dir TEXT,
              PRIMARY KEY (sandbox_id, name)
            );
            CREATE TABLE containers (
              id TEXT PRIMARY KEY,
              sandbox_id TEXT NOT NULL REFERENCES sandboxes(id) ON DELETE CASCADE,
              service TEXT NOT NULL,
              name TEXT NOT NULL,
              kind TEXT NOT NULL CHECK (kind IN ('main', 'debug')),
              image_ref TEXT NOT NULL,
              image_digest TEXT NOT NULL,
              spec TEXT NOT NULL,
              restart_policy TEXT NOT NULL,
              restart_count INTEGER NOT NULL DEFAULT 0,
              instance INTEGER NOT NULL DEFAULT 0,
              last_state TEXT,
              last_reason TEXT,
              last_exit_code INTEGER,
              started_at INTEGER,
              finished_at INTEGER,
              next_restart_at INTEGER,
              UNIQUE (sandbox_id, service, name)
            );
            CREATE TABLE events (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              at INTEGER NOT NULL,
              sandbox_id TEXT,
              object TEXT NOT NULL,
              reason TEXT NOT NULL,
              message TEXT NOT NULL
            );
            CREATE INDEX events_by_object ON events(object, at);
            CREATE TABLE intents (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              action TEXT NOT NULL,
              object TEXT NOT NULL,
              payload TEXT NOT NULL,
              created_at INTEGER NOT NULL,
              finished INTEGER
            );
            CREATE INDEX intents_pending ON intents(finished);
            """);

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private StateDb(Connection connection) {
        this.connection = connection;
    }

    public static StateDb open(RootLayout layout) throws StateException {
        try {
            Files.createDirectories(layout.root());
        } catch (IOException e) {
            throw new StateException("can't create the state root " + layout.root() + ": " + IoErrors.describe(e),
                    "check that the path is writable, or pass another one with --root DIR", e);
        }
        // Setting WAL mode and migrating need the write lock; SQLite answers BUSY at once (without its busy
        // handler) when another process opens the same new database at that moment, so retry for a while.
        long deadline = System.nanoTime() + OPEN_PATIENCE_NANOS;
        while (true) {
            Connection c = null;
            try {
                c = DriverManager.getConnection("jdbc:sqlite:" + layout.stateDb());
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 30000");
                    try (var rs = s.executeQuery("PRAGMA journal_mode")) {
                        if (!rs.getString(1).equalsIgnoreCase("wal")) {
                            s.execute("PRAGMA journal_mode = WAL");
                        }
                    }
                    s.execute("PRAGMA synchronous = NORMAL");
                    s.execute("PRAGMA foreign_keys = ON");
                }
                StateDb db = new StateDb(c);
                db.migrate();
                return db;
            } catch (SQLException e) {
                closeQuietly(c, e);
                if (isBusy(e) && System.nanoTime() < deadline) {
                    sleepBriefly();
                    continue;
                }
                throw new StateException("can't open the state database " + layout.stateDb() + ": " + e.getMessage(),
                        "if the file is damaged, move it away; `sandpod doctor` rebuilds what it can", e);
            }
        }
    }

    private static final long OPEN_PATIENCE_NANOS = 30_000_000_000L;

    private static boolean isBusy(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("SQLITE_BUSY") || message.contains("database is locked");
    }

    private static void closeQuietly(Connection c, SQLException primary) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException close) {
                primary.addSuppressed(close);
            }
        }
    }

    private static void sleepBriefly() throws StateException {
        try {
            Thread.sleep(20 + (long) (Math.random() * 30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateException("interrupted while waiting for the state database", "run the command again", e);
        }
    }

    private void migrate() throws SQLException {
        inTransaction(c -> {
            int version;
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA user_version")) {
                version = rs.getInt(1);
            }
            if (version > MIGRATIONS.size()) {
                throw new SQLException("state.db has schema version " + version
                        + " but this sandpod knows only " + MIGRATIONS.size() + "; use a newer sandpod");
            }
            for (int i = version; i < MIGRATIONS.size(); i++) {
                try (Statement s = c.createStatement()) {
                    for (String statement : MIGRATIONS.get(i).split(";")) {
                        if (!statement.isBlank()) {
                            s.execute(statement);
                        }
                    }
                    s.execute("PRAGMA user_version = " + (i + 1));
                }
            }
            return null;
        });
    }

    /** Work on the database inside one transaction, rolled back if it throws. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    public <T> T inTransaction(Work<T> work) throws SQLException {
        lock.lock();
        try {
            // BEGIN IMMEDIATE takes the write lock up front, so two processes never deadlock upgrading.
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            try {
                T result = work.run(connection);
                try (Statement s = connection.createStatement()) {
                    s.execute("COMMIT");
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                try (Statement s = connection.createStatement()) {
                    s.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
