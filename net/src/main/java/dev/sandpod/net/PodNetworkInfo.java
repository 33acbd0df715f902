package dev.sandpod.net;

import java.nio.file.Path;

/**
 * A pod's network as the runtime needs it: the pinned namespace to join ({@code linux.namespaces} network path),
 * the pod's IPv4 address on {@code eth0}, its gateway (the sandbox bridge), and the sandbox's bridge and subnet.
 */
public record PodNetworkInfo(Path netns, String ip, String gateway, String bridge, String subnet) {
}
