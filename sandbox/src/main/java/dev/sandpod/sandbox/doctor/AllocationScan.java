package dev.sandpod.sandbox.doctor;

import dev.sandpod.core.FileTrees;
import dev.sandpod.net.Netlink;
import dev.sandpod.net.NetworkException;
import dev.sandpod.net.PodNetwork;
import dev.sandpod.net.SubnetAllocation;
import dev.sandpod.net.SubnetAllocator;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Machine-wide subnet allocations of this root (never another root's) whose sandbox is not in state, with their
 * bridge and the veths on it. Removal is the network's own teardown for each pod still listed (CNI DEL: veth and
 * lease; the pin; with the last pod the bridge, the lease directory and the entry), then any veth or bridge that
 * is still there is deleted by name.
 */
final class AllocationScan implements Scan {
    private static final String NO_POD = "doctor";
    private final RootLayout layout;
    private final PodNetwork network;
    private final SubnetAllocator allocator;
    private final Netlink netlink;
    private final HostLinks links;

    AllocationScan(RootLayout layout, PodNetwork network, SubnetAllocator allocator, Netlink netlink, HostLinks links) {
        this.layout = layout;
        this.network = network;
        this.allocator = allocator;
        this.netlink = netlink;
        this.links = links;
    }

    @Override
    public List<Leftover> scan(Ownership owned) throws DoctorException {
        List<Leftover> out = new ArrayList<>();
        try {
            for (SubnetAllocation a : allocator.list()) {
                if (!a.root().equals(layout.root().toString()) || owned.ownsSandbox(a.sandboxId())) {
                    continue;
                }
                out.add(Leftover.of(LeftoverKind.ALLOCATION, a.subnet() + " of sandbox " + a.sandboxId()
                        + " (pods " + a.pods() + ")", () -> tearDown(a)));
                for (String veth : links.portsOf(a.bridge())) {
                    out.add(Leftover.of(LeftoverKind.VETH, veth + " on " + a.bridge(), () -> netlink.deleteLink(veth)));
                }
                out.add(Leftover.of(LeftoverKind.BRIDGE, a.bridge(), () -> netlink.deleteLink(a.bridge())));
            }
        } catch (NetworkException | IOException e) {
            throw new DoctorException("can't read the subnet allocations: " + e.getMessage(),
                    "check " + allocator.file() + " and that iproute2 is installed", e);
        }
        return out;
    }

    private void tearDown(SubnetAllocation a) throws NetworkException, IOException {
        for (String pod : a.pods()) {
            network.tearDown(layout, a.sandboxId(), pod);
        }
        // An entry left with no pods (its removal failed half-way before) goes the way a last release does.
        allocator.release(layout.root(), a.sandboxId(), NO_POD, gone -> {
            netlink.deleteLink(gone.bridge());
            FileTrees.deleteTree(PodNetwork.bridgeNetwork(layout, gone).leaseDir());
        });
    }
}
