package dev.sandpod.cli;

import dev.sandpod.testing.HostLeaks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.net.IpCommand;
import dev.sandpod.net.PodNetwork;
import dev.sandpod.net.SubnetAllocator;
import dev.sandpod.runtime.CgroupPaths;
import dev.sandpod.runtime.ContainerPaths;
import dev.sandpod.runtime.RuncConmonRuntime;
import dev.sandpod.state.RootLayout;
import dev.sandpod.state.StateDb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.TreeSet;

/** What the sandbox end-to-end tests of the CLI look at on the host: leftovers of a root, a container's pid. */
final class SandboxHost {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SandboxHost() {
    }

    /** The bridges the root's sandboxes have now (with their subnets, from the machine-wide allocations). */
    static Set<String> bridgesOf(RootLayout layout) throws Exception {
        Set<String> out = new TreeSet<>();
        SubnetAllocator.machineWide(new IpCommand()).list().stream()
                .filter(a -> a.root().equals(layout.root().toString()))
                .forEach(a -> out.add(a.bridge()));
        return out;
    }

    /**
     * Everything of the root's sandboxes still on the host (empty when all is gone); {@code tmp} holds the root.
     * Links count when they are bridges the root had ({@code bridges}): other roots on this machine (tests of
     * other worktrees) add and remove theirs meanwhile. A host veth can't outlive its pod's netns, checked here.
     */
    static List<String> leftovers(Path tmp, RootLayout layout, Set<String> bridges) throws Exception {
        List<String> leaks = new ArrayList<>();
        leaks.addAll(HostLeaks.mountsUnder(tmp));
        leaks.addAll(HostLeaks.cgroupDirs(CgroupPaths.forRoot(layout)));
        leaks.addAll(HostLeaks.entriesUnder(ContainerPaths.runcRoot(layout)));
        leaks.addAll(HostLeaks.entriesUnder(layout.runtimeDir().resolve("netns")));
        leaks.addAll(HostLeaks.entriesUnder(layout.sandboxesDir()));
        leaks.addAll(HostLeaks.entriesUnder(PodNetwork.ipamDir(layout)));
        leaks.addAll(HostLeaks.processesMentioning(layout.root().toString()));
        SubnetAllocator.machineWide(new IpCommand()).list().stream()
                .filter(a -> a.root().equals(layout.root().toString()))
                .forEach(a -> leaks.add("allocation " + a));
        HostLeaks.hostLinkNames().stream().filter(bridges::contains).forEach(l -> leaks.add("link " + l));
        try (StateDb db = StateDb.open(layout)) {
            for (String table : List.of("sandboxes", "services", "containers", "image_users")) {
                int rows = db.inTransaction(c -> {
                    try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
                        return rs.getInt(1);
                    }
                });
                if (rows > 0) {
                    leaks.add(rows + " rows in " + table);
                }
            }
        }
        return leaks;
    }

    /** The host pid of a container's process, as runc reports it. */
    static long containerPid(RootLayout layout, String containerId) throws IOException, InterruptedException {
        Process runc = new ProcessBuilder(RuncConmonRuntime.DEFAULT_RUNC.toString(), "--root",
                ContainerPaths.runcRoot(layout).toString(), "state", containerId).redirectErrorStream(true).start();
        byte[] out = runc.getInputStream().readAllBytes();
        if (!runc.waitFor(10, TimeUnit.SECONDS) || runc.exitValue() != 0) {
            throw new IOException("runc state " + containerId + " failed: " + new String(out));
        }
        return JSON.readTree(out).path("pid").asLong();
    }
}
