package dev.sandpod.client.model;

/**
 * A container as describe shows it; times are ISO-8601 instants, absent values null.
 *
 * @param state         Running, Waiting or Terminated
 * @param reason        CrashLoopBackOff, ContainerCreating (Waiting); OOMKilled, Error, Completed (Terminated)
 * @param exitCode      the current (Terminated) or last (Waiting after a crash) exit code
 * @param lastReason    why the previous instance ended
 * @param cpuMillis     the CPU limit in thousandths of a CPU
 */
public record ContainerInfo(String name, String id, String kind, String image, String imageDigest, String state,
                            String reason, Integer exitCode, int restartCount, int instance, String startedAt,
                            String finishedAt, String lastReason, Long memoryBytes, Long cpuMillis, Long pids,
                            String restartPolicy, String nextRestartAt, String runtime) {
    /** "Running", "Waiting: CrashLoopBackOff", as kubectl shows it. */
    public String stateWithReason() {
        return reason == null ? state : state + ": " + reason;
    }
}
