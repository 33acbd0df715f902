package dev.sandpod.sandbox.doctor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.state.StateDb;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the live sandboxes of a root own, from its state.db: every sandbox row (whatever its desired state: one being
 * removed is the reconciler's to finish), every container row, and the sandbox of every pending intent (an object
 * being made right now). Anything of the root named by neither is a leftover.
 */
record Ownership(Set<String> sandboxIds, Set<String> containerIds, List<String> pendingPayloads) {
    private static final ObjectMapper JSON = new ObjectMapper();

    Ownership {
        sandboxIds = Set.copyOf(sandboxIds);
        Set<String> containers = new HashSet<>(containerIds);
        for (String payload : pendingPayloads) {
            containers.addAll(values(payload));
        }
        containerIds = Set.copyOf(containers);
        pendingPayloads = List.copyOf(pendingPayloads);
    }

    /** The string values of an intent's JSON payload (a container id among them); none if it is not JSON. */
    private static List<String> values(String payload) {
        List<String> out = new ArrayList<>();
        try {
            JSON.readTree(payload).properties().forEach(e -> {
                if (e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                }
            });
        } catch (JsonProcessingException | IllegalArgumentException notJson) {
            // an unreadable payload names nothing
        }
        return out;
    }

    boolean ownsSandbox(String id) {
        return sandboxIds.contains(id);
    }

    /** A container row, or a container a pending intent is making (named in its payload). */
    boolean ownsContainer(String id) {
        return containerIds.contains(id);
    }

    static Ownership read(StateDb db) throws DoctorException {
        try {
            return db.inTransaction(c -> {
                Set<String> sandboxes = new HashSet<>();
                Set<String> containers = new HashSet<>();
                List<String> payloads = new ArrayList<>();
                try (Statement s = c.createStatement()) {
                    try (ResultSet rs = s.executeQuery("SELECT id FROM sandboxes")) {
                        while (rs.next()) {
                            sandboxes.add(rs.getString(1));
                        }
                    }
                    try (ResultSet rs = s.executeQuery("SELECT id, sandbox_id FROM containers")) {
                        while (rs.next()) {
                            containers.add(rs.getString(1));
                            sandboxes.add(rs.getString(2));
                        }
                    }
                    try (ResultSet rs = s.executeQuery("SELECT object, payload FROM intents WHERE finished IS NULL")) {
                        while (rs.next()) {
                            sandboxes.add(rs.getString(1));
                            payloads.add(rs.getString(2));
                        }
                    }
                }
                return new Ownership(sandboxes, containers, payloads);
            });
        } catch (SQLException e) {
            throw new DoctorException("can't read what the live sandboxes own from state.db: " + e.getMessage(),
                    "check the state root; doctor removes nothing it can't prove is a leftover", e);
        }
    }
}
