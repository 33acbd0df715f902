package dev.sandpod.sandbox;

import dev.sandpod.state.StateDb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** The sandbox tables of state.db (sandboxes, services, containers, events, image_users); SQL lives only here. */
final class SandboxStore {
    private final StateDb db;

    SandboxStore(StateDb db) {
        this.db = db;
    }

    StateDb db() {
        return db;
    }

    /** Inserts a new sandbox with its services and containers and records its image use, all or nothing. */
    void insert(SandboxRow sandbox, List<ServiceRow> services, List<ContainerRow> containers) throws SandboxException {
        try {
            db.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM sandboxes WHERE name = ?")) {
                    s.setString(1, sandbox.name());
                    if (s.executeQuery().next()) {
                        return false;
                    }
                }
                update(c, "INSERT INTO sandboxes (id, name, created_at, desired) VALUES (?, ?, ?, ?)",
                        sandbox.id(), sandbox.name(), sandbox.createdAt().toEpochMilli(), sandbox.desired().name());
                for (ServiceRow svc : services) {
                    update(c, "INSERT INTO services (sandbox_id, name, hostname) VALUES (?, ?, ?)",
                            svc.sandboxId(), svc.name(), svc.hostname());
                }
                for (ContainerRow ctr : containers) {
                    update(c, "INSERT INTO containers (id, sandbox_id, service, name, kind, image_ref, image_digest, spec, "
                                    + "restart_policy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            ctr.id(), ctr.sandboxId(), ctr.service(), ctr.name(), ctr.kind(), ctr.imageRef(),
                            ctr.imageDigest(), ctr.spec().toJson(), ctr.restartPolicy().name());
                    update(c, "INSERT OR IGNORE INTO image_users (manifest_digest, sandbox_id) VALUES (?, ?)",
                            ctr.imageDigest(), ctr.sandboxId());
                }
                return true;
            });
        } catch (SQLException e) {
            throw SandboxStateException.db("recording sandbox " + sandbox.name(), e);
        }
        if (find(sandbox.name()).map(SandboxRow::id).filter(sandbox.id()::equals).isEmpty()) {
            throw new NameInUseException(sandbox.name());
        }
    }

    Optional<SandboxRow> find(String nameOrId) throws SandboxException {
        List<SandboxRow> rows = sandboxes("SELECT id, name, created_at, desired FROM sandboxes WHERE name = ? OR id = ? "
                + "ORDER BY name = ? DESC", nameOrId, nameOrId, nameOrId);
        return rows.stream().findFirst();
    }

    SandboxRow get(String nameOrId) throws SandboxException {
        return find(nameOrId).orElseThrow(() -> new SandboxNotFoundException(nameOrId));
    }

    List<SandboxRow> sandboxes() throws SandboxException {
        return sandboxes("SELECT id, name, created_at, desired FROM sandboxes ORDER BY created_at, name");
    }

    private List<SandboxRow> sandboxes(String sql, Object... args) throws SandboxException {
        return query("reading sandboxes", sql, rs -> new SandboxRow(rs.getString(1), rs.getString(2),
                Instant.ofEpochMilli(rs.getLong(3)), SandboxRow.Desired.valueOf(rs.getString(4))), args);
    }

    void setDesired(String sandboxId, SandboxRow.Desired desired) throws SandboxException {
        write("changing the desired state", "UPDATE sandboxes SET desired = ? WHERE id = ?", desired.name(), sandboxId);
    }

    List<ServiceRow> services(String sandboxId) throws SandboxException {
        return query("reading services", "SELECT sandbox_id, name, hostname, netns, ip, gateway, subnet, files_dir "
                + "FROM services WHERE sandbox_id = ? ORDER BY name", rs -> new ServiceRow(rs.getString(1),
                rs.getString(2), rs.getString(3), opt(rs.getString(4)), opt(rs.getString(5)), opt(rs.getString(6)),
                opt(rs.getString(7)), opt(rs.getString(8))), sandboxId);
    }

    Optional<ServiceRow> service(String sandboxId, String name) throws SandboxException {
        return services(sandboxId).stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Records a pod's network and files and finishes their intents in one transaction. */
    void recordNetwork(ServiceRow svc, List<Long> intents, IntentLog log) throws SandboxException {
        try {
            db.inTransaction(c -> {
                update(c, "UPDATE services SET netns = ?, ip = ?, gateway = ?, subnet = ?, files_dir = ? "
                                + "WHERE sandbox_id = ? AND name = ?", svc.netns().orElse(null), svc.ip().orElse(null),
                        svc.gateway().orElse(null), svc.subnet().orElse(null), svc.filesDir().orElse(null),
                        svc.sandboxId(), svc.name());
                for (long id : intents) {
                    log.finish(c, id);
                }
                return null;
            });
        } catch (SQLException e) {
            throw SandboxStateException.db("recording the pod network of " + svc.name(), e);
        }
    }

    void forgetNetwork(String sandboxId, String service) throws SandboxException {
        write("forgetting a pod network", "UPDATE services SET netns = NULL, ip = NULL, gateway = NULL, subnet = NULL, "
                + "files_dir = NULL WHERE sandbox_id = ? AND name = ?", sandboxId, service);
    }

    /** Adds a container (a debug container) to an existing sandbox and records its image use. */
    void insertContainer(ContainerRow ctr) throws SandboxException {
        try {
            db.inTransaction(c -> {
                update(c, "INSERT INTO containers (id, sandbox_id, service, name, kind, image_ref, image_digest, spec, "
                                + "restart_policy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        ctr.id(), ctr.sandboxId(), ctr.service(), ctr.name(), ctr.kind(), ctr.imageRef(),
                        ctr.imageDigest(), ctr.spec().toJson(), ctr.restartPolicy().name());
                update(c, "INSERT OR IGNORE INTO image_users (manifest_digest, sandbox_id) VALUES (?, ?)",
                        ctr.imageDigest(), ctr.sandboxId());
                return null;
            });
        } catch (SQLException e) {
            throw SandboxStateException.db("recording container " + ctr.name(), e);
        }
    }

    /** Deletes one container's row, and the sandbox's use of its image when no other container uses it. */
    void deleteContainer(ContainerRow ctr) throws SandboxException {
        try {
            db.inTransaction(c -> {
                update(c, "DELETE FROM containers WHERE id = ?", ctr.id());
                update(c, "DELETE FROM image_users WHERE sandbox_id = ? AND manifest_digest = ? AND NOT EXISTS "
                                + "(SELECT 1 FROM containers WHERE sandbox_id = ? AND image_digest = ?)",
                        ctr.sandboxId(), ctr.imageDigest(), ctr.sandboxId(), ctr.imageDigest());
                return null;
            });
        } catch (SQLException e) {
            throw SandboxStateException.db("deleting container " + ctr.name(), e);
        }
    }

    /** Replaces a container's stored spec (its limits after an update): the next (re)create uses it. */
    void updateSpec(String containerId, StoredSpec spec) throws SandboxException {
        write("recording a container's spec", "UPDATE containers SET spec = ? WHERE id = ?", spec.toJson(), containerId);
    }

    List<ContainerRow> containers(String sandboxId) throws SandboxException {
        return query("reading containers", CONTAINER_SELECT + " WHERE sandbox_id = ? ORDER BY kind DESC, name",
                SandboxStore::container, sandboxId);
    }

    Optional<ContainerRow> container(String id) throws SandboxException {
        return query("reading a container", CONTAINER_SELECT + " WHERE id = ?", SandboxStore::container, id)
                .stream().findFirst();
    }

    private static final String CONTAINER_SELECT = "SELECT id, sandbox_id, service, name, kind, image_ref, image_digest, "
            + "spec, restart_policy, restart_count, instance, last_state, last_reason, last_exit_code, started_at, "
            + "finished_at, next_restart_at FROM containers";

    private static ContainerRow container(ResultSet rs) throws SQLException {
        int exit = rs.getInt(14);
        OptionalInt exitCode = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(exit);
        return new ContainerRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), StoredSpec.fromJson(rs.getString(8)),
                RestartPolicy.valueOf(rs.getString(9)), rs.getInt(10), rs.getInt(11), opt(rs.getString(12)),
                opt(rs.getString(13)), exitCode, instant(rs, 15), instant(rs, 16), instant(rs, 17));
    }

    /** A new instance was started: bumps instance (and restart count after the first); the last exit stays as the previous instance's. */
    void recordStarted(String containerId, int instance, Instant at, Optional<Long> intent, IntentLog log)
            throws SandboxException {
        try {
            db.inTransaction(c -> {
                update(c, "UPDATE containers SET instance = ?, restart_count = MAX(? - 1, 0), last_state = 'Running', "
                                + "started_at = ?, finished_at = NULL, "
                                + "next_restart_at = NULL WHERE id = ?",
                        instance, instance, at.toEpochMilli(), containerId);
                if (intent.isPresent()) {
                    log.finish(c, intent.get());
                }
                return null;
            });
        } catch (SQLException e) {
            throw SandboxStateException.db("recording the start of container " + containerId, e);
        }
    }

    /** Records the exit the controller saw; the restart time is set later, when a restart is scheduled. */
    void recordExit(String containerId, String reason, OptionalInt exitCode, Instant finishedAt) throws SandboxException {
        write("recording an exit", "UPDATE containers SET last_state = 'Terminated', last_reason = ?, last_exit_code = ?, "
                        + "finished_at = ? WHERE id = ?", reason, exitCode.isPresent() ? exitCode.getAsInt() : null,
                finishedAt.toEpochMilli(), containerId);
    }

    void scheduleRestart(String containerId, Instant at) throws SandboxException {
        write("scheduling a restart", "UPDATE containers SET next_restart_at = ? WHERE id = ?", at.toEpochMilli(),
                containerId);
    }

    void event(String sandboxId, String object, String reason, String message, Instant at) throws SandboxException {
        write("recording an event", "INSERT INTO events (at, sandbox_id, object, reason, message) VALUES (?, ?, ?, ?, ?)",
                at.toEpochMilli(), sandboxId, object, reason, message);
    }

    /** Events of a sandbox by name (its own and its containers'), oldest first, at most {@code limit} of the newest. */
    List<Event> events(String name, int limit) throws SandboxException {
        List<Event> newest = query("reading events", "SELECT at, object, reason, message FROM events "
                        + "WHERE object = ? OR object LIKE ? ORDER BY at DESC, id DESC LIMIT ?",
                rs -> new Event(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3), rs.getString(4)),
                name, name.replace("%", "") + "/%", limit);
        return newest.reversed();
    }

    /** Deletes the sandbox's rows (services and containers cascade), its events, intents and image use. */
    void delete(SandboxRow sandbox) throws SandboxException {
        String sandboxId = sandbox.id();
        try {
            db.inTransaction(c -> {
                update(c, "DELETE FROM image_users WHERE sandbox_id = ?", sandboxId);
                // pull events were recorded before the sandbox existed: they go by name
                update(c, "DELETE FROM events WHERE sandbox_id = ? OR object = ? OR object LIKE ?", sandboxId,
                        sandbox.name(), sandbox.name() + "/%");
                update(c, "DELETE FROM intents WHERE object = ? AND finished IS NOT NULL", sandboxId);
                update(c, "DELETE FROM sandboxes WHERE id = ?", sandboxId);
                return null;
            });
        } catch (SQLException e) {
            throw SandboxStateException.db("deleting sandbox " + sandboxId, e);
        }
    }

    List<String> imageUsers(String sandboxId) throws SandboxException {
        return query("reading image users", "SELECT manifest_digest FROM image_users WHERE sandbox_id = ?",
                rs -> rs.getString(1), sandboxId);
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    <T> List<T> query(String doing, String sql, RowMapper<T> mapper, Object... args) throws SandboxException {
        try {
            return db.inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    bind(s, args);
                    List<T> out = new ArrayList<>();
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            out.add(mapper.map(rs));
                        }
                    }
                    return out;
                }
            });
        } catch (SQLException e) {
            throw SandboxStateException.db(doing, e);
        }
    }

    void write(String doing, String sql, Object... args) throws SandboxException {
        try {
            db.inTransaction(c -> update(c, sql, args));
        } catch (SQLException e) {
            throw SandboxStateException.db(doing, e);
        }
    }

    static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            return s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            if (args[i] == null) {
                s.setNull(i + 1, Types.NULL);
            } else {
                s.setObject(i + 1, args[i]);
            }
        }
    }

    private static Optional<String> opt(String value) {
        return Optional.ofNullable(value);
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
