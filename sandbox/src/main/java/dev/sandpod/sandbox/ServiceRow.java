package dev.sandpod.sandbox;

import java.util.Optional;

/** A services row: one pod. The network fields are empty until its pod network is set up and recorded. */
record ServiceRow(String sandboxId, String name, String hostname, Optional<String> netns, Optional<String> ip,
                  Optional<String> gateway, Optional<String> subnet, Optional<String> filesDir) {
    boolean networked() {
        return netns.isPresent() && filesDir.isPresent();
    }
}
