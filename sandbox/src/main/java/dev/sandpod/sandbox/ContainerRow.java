package dev.sandpod.sandbox;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A containers row. {@code instance} is 0 until the first create and grows by one at each restart (a caller that
 * saw instance n knows the container restarted when it sees n+1). The last-state fields record the last exit the
 * controller acted on; the live state always comes from the runtime.
 */
record ContainerRow(String id, String sandboxId, String service, String name, String kind, String imageRef,
                    String imageDigest, StoredSpec spec, RestartPolicy restartPolicy, int restartCount, int instance,
                    Optional<String> lastState, Optional<String> lastReason, OptionalInt lastExitCode,
                    Optional<Instant> startedAt, Optional<Instant> finishedAt, Optional<Instant> nextRestartAt) {
}
