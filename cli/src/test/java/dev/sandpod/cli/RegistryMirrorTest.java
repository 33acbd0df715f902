package dev.sandpod.cli;

import dev.sandpod.image.registry.local.LocalRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import static dev.sandpod.cli.Roots.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Docker Hub names served from a configured mirror; with fallback off, nothing goes to docker.io. */
class RegistryMirrorTest {

    @Test
    void aDockerHubNameIsPulledFromTheMirrorAndKeepsItsDockerHubName(@TempDir Path work, @TempDir Path root) throws Exception {
        assumeTrue(LocalRegistry.available(), "needs docker-registry");
        try (LocalRegistry mirror = LocalRegistry.start()) {
            String pushed = Roots.pushBusybox(work, mirror.host() + "/library/busybox:mirrored", mirror.host(), null, null);
            Roots.writeConfig(root, "{\"mirrors\": {\"docker.io\": {\"endpoints\": [\"" + mirror.host() + "\"], \"fallback\": false}}}");

            CliRun pull = ok(CliRun.run(root, "image", "pull", "busybox:mirrored"));

            assertTrue(pull.err().contains("on " + mirror.host()), "says where it came from: " + pull);
            assertEquals(pushed, Roots.digestIn(pull.out()));
            String inspected = ok(CliRun.run(root, "image", "inspect", "docker.io/library/busybox:mirrored")).out();
            assertTrue(inspected.contains("\"docker.io/library/busybox:mirrored\""), inspected);
        }
    }

    @Test
    void aMirrorThatIsDownWithoutFallbackFailsNamingTheMirror(@TempDir Path root) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Roots.writeConfig(root, "{\"mirrors\": {\"docker.io\": {\"endpoints\": [\"127.0.0.1:" + port + "\"], \"fallback\": false}}}");

        CliRun pull = CliRun.run(root, "image", "pull", "busybox:mirrored");

        assertEquals(1, pull.exitCode(), pull.toString());
        assertTrue(pull.err().contains("127.0.0.1:" + port), pull.toString());
        assertTrue(pull.err().contains("\nhint: "), pull.toString());
        assertFalse(pull.err().contains("docker.io:") || pull.err().contains("registry-1.docker.io"),
                "docker.io itself was not tried: " + pull);
        assertEquals(java.util.Set.of(), Roots.blobs(root));
    }
}
