package dev.sandpod.net;

import java.util.List;

/**
 * One sandbox's share of the machine: its subnet and bridge, and the pods attached to it. Keyed by the sandpod
 * root (absolute path) and the sandbox id, so sandboxes of different roots never get the same subnet or bridge.
 */
public record SubnetAllocation(String root, String sandboxId, String subnet, String bridge, List<String> pods) {
    public SubnetAllocation {
        pods = List.copyOf(pods);
    }

    public Ipv4Cidr cidr() {
        return Ipv4Cidr.parse(subnet);
    }

    boolean isFor(String root, String sandboxId) {
        return this.root.equals(root) && this.sandboxId.equals(sandboxId);
    }

    SubnetAllocation withPods(List<String> pods) {
        return new SubnetAllocation(root, sandboxId, subnet, bridge, pods);
    }
}
