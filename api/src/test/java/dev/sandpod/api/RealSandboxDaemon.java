package dev.sandpod.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandpod.client.SandpodClient;
import dev.sandpod.image.build.ScratchImageBuilder;
import dev.sandpod.client.model.RunSandboxRequest;
import dev.sandpod.client.model.SandboxSummary;
import dev.sandpod.net.IpCommand;
import dev.sandpod.net.PodNetwork;
import dev.sandpod.net.SubnetAllocator;
import dev.sandpod.runtime.CgroupPaths;
import dev.sandpod.runtime.ContainerPaths;
import dev.sandpod.runtime.RuncConmonRuntime;
import dev.sandpod.sandbox.BackOff;
import dev.sandpod.state.RootLayout;
import dev.sandpod.testing.HostLeaks;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The base of the API's end-to-end tests with real sandboxes: a daemon in this JVM on the test's own root and
 * socket, the busybox image loaded through the API, real runc, conmon, CNI and cgroups. After each test every
 * sandbox is removed through the API and nothing of the root may be left on the host.
 */
abstract class RealSandboxDaemon {
    static final String IMAGE = "test/busybox:1";

    @TempDir
    Path tmp;
    RootLayout layout;
    TestDaemon daemon;
    SandpodClient client;

    @BeforeEach
    void startDaemon() throws Exception {
        assumeTrue(!"false".equals(System.getProperty("sandpod.e2e")), "end-to-end tests disabled with -Dsandpod.e2e=false");
        assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
        assumeTrue(Files.isExecutable(RuncConmonRuntime.DEFAULT_RUNC) && Files.isExecutable(RuncConmonRuntime.DEFAULT_CONMON),
                "runc and conmon are installed by ./run-tests");
        // the layers must be reachable through the root for the container's processes
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        daemon = TestDaemon.start(tmp.resolve("root"), DaemonOptions.defaults()
                .withReconcile(Duration.ofMillis(100), new BackOff(Duration.ofMillis(100), Duration.ofMillis(400))));
        layout = daemon.layout();
        client = daemon.client();
        Path archive = Files.createTempFile(tmp, "image-", ".tar");
        try (var out = Files.newOutputStream(archive)) {
            new ScratchImageBuilder().layer(dev.sandpod.testing.TestImages.busyboxLayer()).cmd("/bin/sh")
                    .writeArchive(out, List.of(IMAGE), tmp);
        }
        try (InputStream in = Files.newInputStream(archive)) {
            client.loadImages(in);
        }
    }

    @AfterEach
    void nothingIsLeft() throws Exception {
        if (daemon == null) {
            return;
        }
        List<String> leaks = new ArrayList<>();
        try {
            for (SandboxSummary s : client.listSandboxes()) {
                client.removeSandbox(s.name(), true);
            }
        } finally {
            daemon.close();
        }
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
        assertEquals(List.of(), leaks);
    }

    /**
     * Runs a sandbox whose main container runs {@code setup} under /bin/sh and then sleeps; returns once the setup
     * has run (it touches /ready, which this polls for through the API), so tests never race the container's script.
     */
    void run(String name, String setup) throws Exception {
        client.runSandbox(new RunSandboxRequest(IMAGE, name, List.of("/bin/sh", "-c", setup + "; touch /ready; exec sleep 1000"),
                List.of(), null, null, null, null, null, null, List.of(), List.of(), false, List.of(), null, null));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                client.statFile(name, "/ready", dev.sandpod.client.FileOptions.DEFAULTS);
                return;
            } catch (dev.sandpod.client.ApiException e) {
                if (!e.code().equals("FileNotFound") || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    /** The host pid of the sandbox's main container, from conmon's pid file. */
    long mainPid(String name) throws Exception {
        var details = client.describeSandbox(name);
        ContainerPaths paths = new ContainerPaths(layout, details.id(), details.main().id());
        return Long.parseLong(Files.readString(paths.containerPidFile()).strip());
    }

    ContainerPaths mainPaths(String name) throws Exception {
        var details = client.describeSandbox(name);
        return new ContainerPaths(layout, details.id(), details.main().id());
    }

    static Optional<String> none() {
        return Optional.empty();
    }
}
