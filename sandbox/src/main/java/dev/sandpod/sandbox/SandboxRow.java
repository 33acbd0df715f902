package dev.sandpod.sandbox;

import java.time.Instant;

/** A sandboxes row: identity and desired state ({@link Desired}). */
record SandboxRow(String id, String name, Instant createdAt, Desired desired) {
    /** What the controller drives the sandbox toward. REMOVING is kept until removal has finished, so a crash mid-way is finished later. */
    enum Desired { RUNNING, STOPPED, REMOVING }
}
