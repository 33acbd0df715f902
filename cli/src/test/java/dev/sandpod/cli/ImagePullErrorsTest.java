package dev.sandpod.cli;

import dev.sandpod.image.registry.local.LocalRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Each bad pull: exit 1, one sentence naming what was wrong, a hint, and the store as it was. */
class ImagePullErrorsTest {
    private static final String USER = "bob";
    private static final String PASSWORD = "correct-horse-battery";
    private static final String WRONG = "wrong-password-xyzzy";
    private static LocalRegistry registry;
    private static String image;

    @BeforeAll
    static void startRegistryWithAnImage(@TempDir Path work) throws Exception {
        assumeTrue(LocalRegistry.available(), "needs docker-registry");
        registry = LocalRegistry.withBasicAuth(USER, PASSWORD);
        image = registry.host() + "/private/busybox:1";
        Roots.pushBusybox(work, image, registry.host(), USER, PASSWORD);
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    /** Runs a pull that must fail and checks the store is unchanged; returns the run. */
    private static CliRun failingPull(Path root, String... args) throws IOException {
        String before = Roots.ls(root);
        Set<String> blobsBefore = Roots.blobs(root);
        List<String> all = new ArrayList<>(List.of("image", "pull"));
        all.addAll(List.of(args));
        CliRun run = CliRun.run(root, all.toArray(String[]::new));
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("error: "), run.toString());
        assertTrue(run.err().contains("\nhint: "), run.toString());
        assertEquals(before, Roots.ls(root), "image ls is unchanged");
        assertEquals(blobsBefore, Roots.blobs(root), "no new blobs");
        return run;
    }

    @Test
    void aPrivateImageWithoutASecretFailsWithAHintToCreateOne(@TempDir Path root) throws IOException {
        CliRun run = failingPull(root, image);
        assertTrue(run.err().contains("unauthorized"), run.toString());
        assertTrue(run.err().contains("secret create"), run.toString());
    }

    @Test
    void aWrongPasswordIsReportedAsRejectedCredentialsWithoutShowingThePassword(@TempDir Path root) throws IOException {
        Roots.secret(root, "bad", registry.host(), USER, WRONG);
        CliRun run = failingPull(root, "--secret", "bad", image);
        assertTrue(run.err().contains("rejected"), run.toString());
        assertFalse(run.out().contains(WRONG) || run.err().contains(WRONG), "the password never appears: " + run);
    }

    @Test
    void anUnknownTagIsNamed(@TempDir Path root) throws IOException {
        Roots.secret(root, "reg", registry.host(), USER, PASSWORD);
        CliRun run = failingPull(root, "--secret", "reg", registry.host() + "/private/busybox:nope");
        assertTrue(run.err().contains("nope"), run.toString());
    }

    @Test
    void anUnknownRepositoryIsNamed(@TempDir Path root) throws IOException {
        Roots.secret(root, "reg", registry.host(), USER, PASSWORD);
        CliRun run = failingPull(root, "--secret", "reg", registry.host() + "/no/such-repo:1");
        assertTrue(run.err().contains("no/such-repo"), run.toString());
    }

    @Test
    void anUppercaseRepositoryIsAMalformedReference(@TempDir Path root) throws IOException {
        CliRun run = failingPull(root, "UPPER/case");
        assertTrue(run.err().contains("UPPER/case"), run.toString());
    }

    @Test
    void aBadDigestIsAMalformedReference(@TempDir Path root) throws IOException {
        CliRun run = failingPull(root, "a@sha256:zz");
        assertTrue(run.err().contains("invalid image reference") && run.err().contains("sha256:zz"), run.toString());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRegistryThatIsDownIsReportedAsUnreachable(@TempDir Path root) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        CliRun run = failingPull(root, "127.0.0.1:" + port + "/down/busybox:1");
        assertTrue(run.err().contains("127.0.0.1:" + port), run.toString());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRegistryThatNeverAnswersTimesOutInsteadOfHanging(@TempDir Path root) throws Exception {
        Roots.writeConfig(root, "{\"registryTimeoutSeconds\": 1}");
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        Socket s = silent.accept();
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            try {
                CliRun run = failingPull(root, "127.0.0.1:" + silent.getLocalPort() + "/hang/busybox:1");
                assertTrue(run.err().contains("127.0.0.1:" + silent.getLocalPort()), run.toString());
                assertTrue(run.err().contains("did not answer within 1 s"), "says it timed out: " + run);
            } finally {
                silent.close();
                acceptor.join();
                synchronized (accepted) {
                    for (Socket s : accepted) {
                        s.close();
                    }
                }
            }
        }
    }

    @Test
    void aSecretForAnotherServerIsRefusedBeforeAnythingIsSent(@TempDir Path root) throws IOException {
        Roots.secret(root, "other", "registry.example.com", USER, PASSWORD);
        CliRun run = failingPull(root, "--secret", "other", image);
        assertTrue(run.err().contains("registry.example.com") && run.err().contains(registry.host()), run.toString());
        assertTrue(run.err().contains("secret create"), run.toString());
    }

    @Test
    void pullWithoutAReferenceIsAUsageError(@TempDir Path root) {
        CliRun run = CliRun.run(root, "image", "pull");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("hint: "), run.toString());
    }

    @Test
    void anUnknownOptionIsAUsageError(@TempDir Path root) {
        CliRun run = CliRun.run(root, "image", "pull", "--frobnicate", image);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--frobnicate"), run.toString());
        assertTrue(run.err().contains("hint: "), run.toString());
    }

    @Test
    void aMalformedPlatformIsAUsageError(@TempDir Path root) {
        CliRun run = CliRun.run(root, "image", "pull", "--platform", "amd64", image);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("amd64"), run.toString());
    }
}
