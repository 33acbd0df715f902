package dev.sandpod.client.model;

import java.util.List;

/**
 * The body of {@code POST /v1/sandboxes}, as {@code sandpod run} takes it; only {@code image} is required. The
 * daemon checks every field and answers 422 naming the one it can't use.
 *
 * @param restart  always, on-failure or never (default)
 * @param memory   like 64Mi; cpus like 0.5; pids like 100
 * @param user     name, uid, uid:gid or name:group, resolved in the image's /etc/passwd and /etc/group
 * @param volumes  SRC:DST[:ro]
 * @param runtime  runc (default) or runsc (gVisor, the stronger isolation class)
 * @param secret   the registry secret to pull the image with when it is not stored
 */
public record RunSandboxRequest(String image, String name, List<String> args, List<String> env, String user,
                                String workdir, String restart, String memory, String cpus, String pids,
                                List<String> capAdd, List<String> capDrop, Boolean readOnly, List<String> volumes,
                                String runtime, String secret) {
    /** A request for {@code image} with everything else left to the defaults. */
    public static RunSandboxRequest of(String image) {
        return new RunSandboxRequest(image, null, List.of(), List.of(), null, null, null, null, null, null, List.of(),
                List.of(), false, List.of(), null, null);
    }
}
