package dev.sandpod.runtime;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A container's state as runc and conmon report it at the moment of the call.
 *
 * @param pid        the container's init process on the host, 0 once it has exited
 * @param exitCode   from conmon's exit file (128+signal for a killed process), present once EXITED
 * @param oomKilled  the kernel's OOM killer killed a process in the container's cgroup (its oom_kill counter)
 * @param finishedAt when conmon wrote the exit file
 */
public record ContainerState(String id, ContainerStatus status, long pid, OptionalInt exitCode, boolean oomKilled,
                             Optional<Instant> finishedAt) {
    public boolean exited() {
        return status == ContainerStatus.EXITED;
    }

    /** A reason like kubelet's: OOMKilled, Completed, Error; empty while not exited. */
    public Optional<String> reason() {
        if (!exited()) {
            return Optional.empty();
        }
        if (oomKilled) {
            return Optional.of("OOMKilled");
        }
        return Optional.of(exitCode.orElse(-1) == 0 ? "Completed" : "Error");
    }
}
