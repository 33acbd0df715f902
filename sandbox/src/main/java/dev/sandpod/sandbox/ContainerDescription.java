package dev.sandpod.sandbox;

import dev.sandpod.runtime.ContainerSpec;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A container as {@code describe} shows it, read from the runtime at the moment of the call.
 *
 * @param state         Running, Waiting or Terminated
 * @param reason        CrashLoopBackOff or ContainerCreating (Waiting); OOMKilled, Error, Completed (Terminated)
 * @param exitCode      the current (Terminated) or last (Waiting after a crash) exit code
 * @param restartCount  how many times it was restarted
 * @param instance      1 for the first instance, +1 per restart; exec compares it to detect a restart
 * @param lastReason    why the previous instance ended (for a Running or Waiting container that restarted)
 * @param nextRestartAt when the back-off ends, while Waiting: CrashLoopBackOff
 */
public record ContainerDescription(String name, String id, String kind, String image, String imageDigest, String state,
                                   Optional<String> reason, OptionalInt exitCode, int restartCount, int instance,
                                   Optional<Instant> startedAt, Optional<Instant> finishedAt,
                                   Optional<String> lastReason, ContainerSpec.Limits limits,
                                   RestartPolicy restartPolicy, Optional<Instant> nextRestartAt, String runtime) {
    /** "Running", "Waiting: CrashLoopBackOff", "Terminated: OOMKilled", as kubectl shows it. */
    public String stateWithReason() {
        return reason.map(r -> state + ": " + r).orElse(state);
    }
}
