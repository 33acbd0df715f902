package dev.sandpod.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Gives each sandbox one subnet (a /24 of 10.200.0.0/16 by default) and one bridge name, machine-wide: every
 * sandpod root on the machine allocates through the same file ({@code /run/sandpod-net/allocations.json}) under an
 * exclusive lock, so roots never clash. A subnet that overlaps any address or route on the host is skipped, and so
 * is a bridge name any host link already has. Entries of roots whose directory no longer exists are stale: the
 * next allocation drops them (their subnets become free once nothing on the host uses them).
 *
 * <p>Bridge names are {@code sp} + 8 hex digits of SHA-256(root, sandbox id) + the smallest free counter, at most
 * 15 characters (IFNAMSIZ - 1).
 */
public final class SubnetAllocator {
    public static final Path MACHINE_FILE = Path.of("/run/sandpod-net/allocations.json");
    public static final Ipv4Cidr DEFAULT_POOL = Ipv4Cidr.parse("10.200.0.0/16");
    public static final int DEFAULT_PREFIX_LENGTH = 24;
    private static final int MAX_IFNAME = 15;

    /** Called under the machine-wide lock when a sandbox's last pod is released, before its entry goes. */
    @FunctionalInterface
    public interface LastPodGone {
        void run(SubnetAllocation allocation) throws NetworkException, IOException;
    }

    private final AllocationFile file;
    private final Ipv4Cidr pool;
    private final int prefixLength;
    private final Netlink netlink;
    private final Predicate<Path> rootExists;

    public SubnetAllocator(Path file, Ipv4Cidr pool, int prefixLength, Netlink netlink, Predicate<Path> rootExists) {
        if (prefixLength < pool.prefixLength() || prefixLength > 29) {
            throw new IllegalArgumentException("subnet length /" + prefixLength + " does not fit pool " + pool);
        }
        this.file = new AllocationFile(file);
        this.pool = pool.network();
        this.prefixLength = prefixLength;
        this.netlink = netlink;
        this.rootExists = rootExists;
    }

    /** The machine-wide allocator: {@link #MACHINE_FILE}, {@link #DEFAULT_POOL} split into /24s. */
    public static SubnetAllocator machineWide(Netlink netlink) {
        return new SubnetAllocator(MACHINE_FILE, DEFAULT_POOL, DEFAULT_PREFIX_LENGTH, netlink, Files::isDirectory);
    }

    public Path file() {
        return file.path();
    }

    /**
     * Adds {@code pod} to the sandbox's allocation, making the allocation first if the sandbox has none.
     * Idempotent: acquiring the same pod twice returns the same allocation.
     */
    public SubnetAllocation acquire(Path root, String sandboxId, String pod) throws NetworkException, IOException {
        String rootKey = key(root);
        return file.update(current -> {
            for (int i = 0; i < current.size(); i++) {
                SubnetAllocation a = current.get(i);
                if (a.isFor(rootKey, sandboxId)) {
                    if (!a.pods().contains(pod)) {
                        List<String> pods = new ArrayList<>(a.pods());
                        pods.add(pod);
                        current.set(i, a.withPods(pods));
                    }
                    return current.get(i);
                }
            }
            current.removeIf(a -> !rootExists.test(Path.of(a.root())));
            SubnetAllocation made = new SubnetAllocation(rootKey, sandboxId, freeSubnet(current).toString(),
                    freeBridge(current, rootKey, sandboxId), List.of(pod));
            current.add(made);
            return made;
        });
    }

    /** The sandbox's allocation, if it has one. */
    public Optional<SubnetAllocation> find(Path root, String sandboxId) throws NetworkException, IOException {
        String rootKey = key(root);
        return file.update(current -> current.stream().filter(a -> a.isFor(rootKey, sandboxId)).findFirst());
    }

    /** Every allocation on the machine, of every root. */
    public List<SubnetAllocation> list() throws NetworkException, IOException {
        return file.update(List::copyOf);
    }

    /** Allocations whose root no longer exists: their bridges are leftovers for {@code doctor} to delete. */
    public List<SubnetAllocation> stale() throws NetworkException, IOException {
        return file.update(current -> current.stream().filter(a -> !rootExists.test(Path.of(a.root()))).toList());
    }

    /**
     * Removes {@code pod} from the sandbox's allocation. When it was the last pod, runs {@code lastPodGone} (to
     * delete the bridge and the leases) under the lock, then removes the allocation; if that hook fails, the
     * allocation stays (with no pods) so a later release or {@code doctor} can finish. Returns whether the
     * allocation is gone. Releasing what is not allocated is not an error.
     */
    public boolean release(Path root, String sandboxId, String pod, LastPodGone lastPodGone)
            throws NetworkException, IOException {
        String rootKey = key(root);
        return file.update(current -> {
            for (int i = 0; i < current.size(); i++) {
                SubnetAllocation a = current.get(i);
                if (!a.isFor(rootKey, sandboxId)) {
                    continue;
                }
                List<String> pods = new ArrayList<>(a.pods());
                pods.remove(pod);
                current.set(i, a.withPods(pods));
                if (!pods.isEmpty()) {
                    return false;
                }
                lastPodGone.run(a);
                current.remove(i);
                return true;
            }
            return true;
        });
    }

    private Ipv4Cidr freeSubnet(List<SubnetAllocation> current) throws IOException, SubnetPoolExhaustedException {
        List<Ipv4Cidr> host = netlink.hostPrefixes();
        int overlapping = 0;
        for (Ipv4Cidr candidate : pool.split(prefixLength)) {
            if (current.stream().anyMatch(a -> a.cidr().overlaps(candidate))) {
                continue;
            }
            if (host.stream().anyMatch(candidate::overlaps)) {
                overlapping++;
                continue;
            }
            return candidate;
        }
        throw new SubnetPoolExhaustedException(pool.toString(), prefixLength, current.size(), overlapping);
    }

    private String freeBridge(List<SubnetAllocation> current, String root, String sandboxId) throws IOException {
        Set<String> links = netlink.linkNames();
        String base = "sp" + hash(root + "\0" + sandboxId);
        for (int n = 0; ; n++) {
            String name = base + n;
            if (name.length() > MAX_IFNAME) {
                throw new IllegalStateException("no free bridge name for " + root + " " + sandboxId);
            }
            if (!links.contains(name) && current.stream().noneMatch(a -> a.bridge().equals(name))) {
                return name;
            }
        }
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(Path root) {
        return root.toAbsolutePath().normalize().toString();
    }
}
