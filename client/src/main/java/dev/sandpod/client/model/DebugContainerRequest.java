package dev.sandpod.client.model;

import java.util.List;

/**
 * The body of {@code POST /v1/sandboxes/{name}/debug}, as {@code sandpod debug} takes it; every field may be null.
 * The daemon checks every field and answers 422 naming the one it can't use.
 *
 * @param image  the debug container's image; null: the main container's (by digest)
 * @param memory like 64Mi; cpus like 0.5; pids like 100: the debug container's own limits
 * @param target the container whose PID namespace it joins; null: the main container
 * @param args   the command; null or empty: /bin/sh
 * @param name   the debug container's name; null: debug- and a random suffix
 * @param user   name, uid, uid:gid or name:group from the debug image's /etc/passwd and /etc/group; null: its User
 */
public record DebugContainerRequest(String image, String memory, String cpus, String pids, String target,
                                    List<String> args, String name, String user) {
    /** A debug container with every default. */
    public static DebugContainerRequest defaults() {
        return new DebugContainerRequest(null, null, null, null, null, List.of(), null, null);
    }
}
