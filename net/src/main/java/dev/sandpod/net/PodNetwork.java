package dev.sandpod.net;

import dev.sandpod.core.sys.LinuxMounts;
import dev.sandpod.core.sys.Mounts;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pod networking in two calls. {@link #setUp} allocates the sandbox's subnet and bridge (first pod only), pins a
 * new network namespace for the pod, and attaches it to the sandbox bridge with CNI ({@code eth0}, an address from
 * host-local). {@link #tearDown} undoes all of it: CNI DEL, unpin, release the pod; with the sandbox's last pod
 * also the bridge, the lease directory and the allocation. Both are safe to repeat and work from what is on disk
 * (the allocation file and the pin), so a restarted daemon or {@code doctor} can tear down what a crashed one made.
 * A failed setUp undoes its own steps before it throws.
 */
public final class PodNetwork {
    public static final String IFNAME = "eth0";
    private static final Pattern SANDBOX_ID = Pattern.compile("[0-9a-f]{12}");
    private static final Pattern POD_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final Mounts mounts;
    private final Netlink netlink;
    private final Cni cni;
    private final SubnetAllocator allocator;
    private final UnaryOperator<CniNetworkConfig> configAdjuster;

    public PodNetwork(Mounts mounts, Netlink netlink, Cni cni, SubnetAllocator allocator) {
        this(mounts, netlink, cni, allocator, UnaryOperator.identity());
    }

    /** For tests: {@code configAdjuster} changes the CNI config used for ADD (to make it fail, for example). */
    PodNetwork(Mounts mounts, Netlink netlink, Cni cni, SubnetAllocator allocator,
               UnaryOperator<CniNetworkConfig> configAdjuster) {
        this.mounts = mounts;
        this.netlink = netlink;
        this.cni = cni;
        this.allocator = allocator;
        this.configAdjuster = configAdjuster;
    }

    /** The real host: FFM mounts, iproute2, Debian's CNI plugins, the machine-wide allocation file. */
    public static PodNetwork onThisHost() {
        IpCommand ip = new IpCommand();
        return new PodNetwork(new LinuxMounts(), ip, Cni.debian(), SubnetAllocator.machineWide(ip));
    }

    /** The pin and CNI container id of a pod: {@code SANDBOXID-PODNAME}. */
    public static String podKey(String sandboxId, String podName) {
        return sandboxId + "-" + podName;
    }

    /** Where host-local keeps this root's leases: {@code ROOT/net/ipam}, removed with the root. */
    public static Path ipamDir(RootLayout layout) {
        return layout.root().resolve("net").resolve("ipam");
    }

    /** The CNI network of a sandbox; its name is {@code sandpod-SANDBOXID}. */
    public static BridgeNetwork bridgeNetwork(RootLayout layout, SubnetAllocation allocation) {
        return BridgeNetwork.of("sandpod-" + allocation.sandboxId(), allocation.bridge(), allocation.cidr(),
                ipamDir(layout));
    }

    public NetnsManager netns(RootLayout layout) {
        return NetnsManager.forRoot(mounts, netlink, layout);
    }

    /** Makes the pod's network; on failure nothing of it is left and the cause is thrown. */
    public PodNetworkInfo setUp(RootLayout layout, String sandboxId, String podName) throws NetworkException {
        validate(sandboxId, podName);
        String key = podKey(sandboxId, podName);
        SubnetAllocation allocation = acquire(layout, sandboxId, podName);
        PinnedNetns pin = null;
        try {
            pin = netns(layout).create(key);
            BridgeNetwork network = bridgeNetwork(layout, allocation);
            CniResult result = cni.add(configAdjuster.apply(network.toCni()), key, pin.path(), IFNAME);
            CniResult.IpConfig ip = result.ipOn(IFNAME).orElseThrow(() -> new NetworkSetupException("bridge", "ADD",
                    null, "the result has no IP address for " + IFNAME + ": " + result.json(), null,
                    "report this as a sandpod bug", null));
            return new PodNetworkInfo(pin.path(), ip.ip(), ip.gateway().orElse(network.gateway()), allocation.bridge(),
                    allocation.subnet());
        } catch (NetworkException | RuntimeException e) {
            if (pin != null) {
                try {
                    pin.remove();
                } catch (NetnsException cleanup) {
                    e.addSuppressed(cleanup);
                }
            }
            try {
                release(layout, sandboxId, podName);
            } catch (NetworkException | IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            try {
                netns(layout).removeDirIfEmpty();
            } catch (NetnsException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Removes the pod's network: CNI DEL, the pin, the pod's share of the allocation; with the sandbox's last pod
     * also the bridge and the leases. Goes on past failures and reports them all at the end.
     */
    public void tearDown(RootLayout layout, String sandboxId, String podName) throws NetworkException {
        validate(sandboxId, podName);
        String key = podKey(sandboxId, podName);
        List<Exception> failures = new ArrayList<>();
        NetnsManager netns = netns(layout);
        Path pinPath = netns.dir().resolve(key);
        try {
            Optional<SubnetAllocation> allocation = allocator.find(layout.root(), sandboxId);
            if (allocation.isPresent()) {
                cni.del(bridgeNetwork(layout, allocation.get()).toCni(), key, pinPath, IFNAME);
            }
        } catch (NetworkException | IOException e) {
            failures.add(e);
        }
        try {
            Optional<PinnedNetns> pin = netns.find(key);
            if (pin.isPresent()) {
                pin.get().remove();
            }
        } catch (NetnsException e) {
            failures.add(e);
        }
        try {
            release(layout, sandboxId, podName);
        } catch (NetworkException | IOException e) {
            failures.add(e);
        }
        try {
            netns.removeDirIfEmpty();
        } catch (NetnsException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            NetworkTeardownException e = new NetworkTeardownException("removing the network of pod " + podName
                    + " of sandbox " + sandboxId + " left something behind: " + failures.getFirst().getMessage(),
                    "run `sandpod doctor` to remove what is left");
            failures.forEach(e::addSuppressed);
            throw e;
        }
    }

    private SubnetAllocation acquire(RootLayout layout, String sandboxId, String podName) throws NetworkException {
        try {
            return allocator.acquire(layout.root(), sandboxId, podName);
        } catch (IOException e) {
            throw new AllocationFileException(allocator.file(), e);
        }
    }

    /** Releases the pod; when it was the sandbox's last, deletes the bridge and the sandbox's leases first. */
    private void release(RootLayout layout, String sandboxId, String podName) throws NetworkException, IOException {
        allocator.release(layout.root(), sandboxId, podName, gone -> {
            netlink.deleteLink(gone.bridge());
            deleteTree(bridgeNetwork(layout, gone).leaseDir());
            deleteIfEmpty(ipamDir(layout));
            deleteIfEmpty(ipamDir(layout).getParent());
        });
    }

    private static void validate(String sandboxId, String podName) {
        if (sandboxId == null || !SANDBOX_ID.matcher(sandboxId).matches()) {
            throw new IllegalArgumentException("a sandbox id is 12 lowercase hex digits, not '" + sandboxId + "'");
        }
        if (podName == null || !POD_NAME.matcher(podName).matches()) {
            throw new IllegalArgumentException("a pod name matches ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$ (at most 63 "
                    + "characters), not '" + podName + "'");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void deleteIfEmpty(Path dir) throws IOException {
        try {
            Files.deleteIfExists(dir);
        } catch (java.nio.file.DirectoryNotEmptyException e) {
            // another sandbox of this root still has leases
        }
    }
}
