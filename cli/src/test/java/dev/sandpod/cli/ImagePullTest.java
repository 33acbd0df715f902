package dev.sandpod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.image.oci.MediaTypes;
import dev.sandpod.image.oci.Platform;
import dev.sandpod.image.ref.Digest;
import dev.sandpod.image.registry.Credentials;
import dev.sandpod.image.registry.RegistryClient;
import dev.sandpod.image.registry.local.LocalRegistry;
import dev.sandpod.image.build.ScratchImageBuilder;
import dev.sandpod.testing.TokenServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static dev.sandpod.cli.Roots.ok;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** `image pull` against real registries (Debian's docker-registry on 127.0.0.1), as a user runs it. */
class ImagePullTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret-pull-pw";
    private static LocalRegistry basic;
    private static LocalRegistry open;

    @BeforeAll
    static void startRegistries() throws Exception {
        assumeTrue(LocalRegistry.available(), "needs docker-registry");
        basic = LocalRegistry.withBasicAuth(USER, PASSWORD);
        open = LocalRegistry.start();
    }

    @AfterAll
    static void stopRegistries() {
        if (basic != null) {
            basic.close();
        }
        if (open != null) {
            open.close();
        }
    }

    @Test
    void aPrivateImageIsPulledWithABasicAuthSecretListedInspectedAndUnpacked(@TempDir Path work, @TempDir Path root) throws Exception {
        String image = basic.host() + "/team/busybox:1.0";
        String pushed = Roots.pushBusybox(work, image, basic.host(), USER, PASSWORD);
        Roots.secret(root, "reg", basic.host(), USER, PASSWORD);

        CliRun pull = ok(CliRun.run(root, "image", "pull", "--secret", "reg", image));

        assertTrue(pull.out().contains("pulled " + image + " (" + pushed + ")"), pull.toString());
        assertPulledAndUnpacked(root, image, pushed);
    }

    @Test
    void aPrivateImageIsPulledWithATokenAuthSecret(@TempDir Path work, @TempDir Path root) throws Exception {
        try (LocalRegistry token = TokenServer.registry(USER, PASSWORD)) {
            String image = token.host() + "/team/busybox:token";
            String pushed = Roots.pushBusybox(work, image, token.host(), USER, PASSWORD);
            Roots.secret(root, "reg", token.host(), USER, PASSWORD);

            ok(CliRun.run(root, "image", "pull", "--secret", "reg", image));

            assertPulledAndUnpacked(root, image, pushed);
            assertTrue(token.tokensIssued() > 0, "the pull authenticated with a bearer token");
        }
    }

    private static void assertPulledAndUnpacked(Path root, String image, String manifestDigest) throws Exception {
        String ls = Roots.ls(root);
        int slash = image.lastIndexOf(':');
        assertTrue(ls.contains(image.substring(0, slash)) && ls.contains(image.substring(slash + 1)), ls);
        JsonNode inspected = JSON.readTree(ok(CliRun.run(root, "image", "inspect", "--output", "json", image)).out()).get(0);
        assertEquals(manifestDigest, inspected.get("id").asText());
        assertEquals(image, inspected.get("names").get(0).asText());
        String chainId = inspected.get("layers").get(0).get("chainId").asText();
        Path busybox = root.resolve("layers").resolve(Digest.parse(chainId).hex()).resolve("bin/busybox");
        assertTrue(Files.isExecutable(busybox), busybox + " is unpacked");
        assertEquals(Files.size(TestImages.BUSYBOX), Files.size(busybox));
    }

    @Test
    void anImageIsPulledByDigestAndNamedByIt(@TempDir Path work, @TempDir Path root) throws Exception {
        String pushed = Roots.pushBusybox(work, open.host() + "/bydigest/busybox:1", open.host(), null, null);
        String ref = open.host() + "/bydigest/busybox@" + pushed;

        ok(CliRun.run(root, "image", "pull", ref));

        JsonNode inspected = JSON.readTree(ok(CliRun.run(root, "image", "inspect", ref)).out()).get(0);
        assertEquals(pushed, inspected.get("id").asText());
        assertTrue(inspected.get("names").toString().contains(ref), inspected.toString());
    }

    @Test
    void aMultiLayerImageIsPulledWithEveryLayerUnpacked(@TempDir Path work, @TempDir Path root) throws Exception {
        Path scratch = Files.createTempDirectory(work, "scratch-");
        Path archive = TestImages.archive(work, "test/multi:1", new ScratchImageBuilder()
                .layer(TestImages.busyboxLayer())
                .layer(TestImages.fileLayer("etc/one", "1\n".getBytes(StandardCharsets.UTF_8)))
                .layer(TestImages.fileLayer("etc/two", "2\n".getBytes(StandardCharsets.UTF_8))));
        String image = open.host() + "/multi/layers:1";
        Roots.pushArchive(scratch, archive, "test/multi:1", image, null);

        ok(CliRun.run(root, "image", "pull", image));

        JsonNode layers = JSON.readTree(ok(CliRun.run(root, "image", "inspect", image)).out()).get(0).get("layers");
        assertEquals(3, layers.size(), layers.toString());
        Path top = root.resolve("layers").resolve(Digest.parse(layers.get(2).get("chainId").asText()).hex());
        assertEquals("2\n", Files.readString(top.resolve("etc/two")));
        Path middle = root.resolve("layers").resolve(Digest.parse(layers.get(1).get("chainId").asText()).hex());
        assertEquals("1\n", Files.readString(middle.resolve("etc/one")));
    }

    @Test
    void anImageWithAnUncompressedLayerIsPulled(@TempDir Path work, @TempDir Path root) throws Exception {
        Path scratch = Files.createTempDirectory(work, "scratch-");
        Path archive = TestImages.archive(work, "test/plain:1",
                new ScratchImageBuilder().layer(TestImages.busyboxLayer()).uncompressed());
        String image = open.host() + "/plain/busybox:1";
        String pushed = Roots.pushArchive(scratch, archive, "test/plain:1", image, null);

        ok(CliRun.run(root, "image", "pull", image));

        JsonNode layer = JSON.readTree(ok(CliRun.run(root, "image", "inspect", image)).out()).get(0).get("layers").get(0);
        assertEquals(MediaTypes.OCI_LAYER, layer.get("mediaType").asText());
        assertPulledAndUnpacked(root, image, pushed);
    }

    @Test
    void anImageWithAZstdLayerIsPulled(@TempDir Path root) throws Exception {
        RawImage zstd = RawImage.busybox(RawImage.Compression.ZSTD, Platform.host());
        zstd.push(client(open), "zstd/busybox", "1");
        String image = open.host() + "/zstd/busybox:1";

        ok(CliRun.run(root, "image", "pull", image));

        JsonNode layer = JSON.readTree(ok(CliRun.run(root, "image", "inspect", image)).out()).get(0).get("layers").get(0);
        assertEquals(MediaTypes.OCI_LAYER_ZSTD, layer.get("mediaType").asText());
        assertEquals(zstd.diffId().toString(), layer.get("diffId").asText());
        assertPulledAndUnpacked(root, image, zstd.manifestDigest().toString());
    }

    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    /** Two platform images, each with a different file content, under one OCI index tagged {@code repo:multi}. */
    private static List<RawImage> pushIndex(String repository, List<Platform> platforms) throws Exception {
        RegistryClient client = client(open);
        List<RawImage> images = platforms.stream()
                .map(p -> RawImage.of("etc/arch", p.architecture().getBytes(StandardCharsets.UTF_8), RawImage.Compression.GZIP, p))
                .toList();
        for (RawImage image : images) {
            image.push(client, repository, image.manifestDigest().toString());
        }
        client.putManifest(repository, "multi", MediaTypes.OCI_INDEX, RawImage.index(images));
        return images;
    }

    @Test
    void aMultiArchIndexResolvesToLinuxAmd64ByDefault(@TempDir Path root) throws Exception {
        assumeTrue(Platform.host().equals(AMD64), "the default is the host's platform");
        List<RawImage> images = pushIndex("multiarch/default", List.of(ARM64, AMD64));
        String image = open.host() + "/multiarch/default:multi";

        CliRun pull = ok(CliRun.run(root, "image", "pull", image));

        assertEquals(images.get(1).manifestDigest().toString(), Roots.digestIn(pull.out()));
        assertEquals("amd64", archFile(root, image));
    }

    @Test
    void aMultiArchIndexResolvesToThePlatformAskedFor(@TempDir Path root) throws Exception {
        List<RawImage> images = pushIndex("multiarch/asked", List.of(AMD64, ARM64));
        String image = open.host() + "/multiarch/asked:multi";

        CliRun pull = ok(CliRun.run(root, "image", "pull", "--platform", "linux/arm64", image));

        assertEquals(images.get(1).manifestDigest().toString(), Roots.digestIn(pull.out()));
        assertEquals("arm64", archFile(root, image));
        JsonNode inspected = JSON.readTree(ok(CliRun.run(root, "image", "inspect", image)).out()).get(0);
        assertEquals("linux/arm64", inspected.get("platform").asText());
    }

    @Test
    void anIndexWithoutTheWantedPlatformFailsListingWhatItOffers(@TempDir Path root) throws Exception {
        pushIndex("multiarch/nomatch", List.of(AMD64, ARM64));
        String image = open.host() + "/multiarch/nomatch:multi";
        String before = Roots.ls(root);

        CliRun pull = CliRun.run(root, "image", "pull", "--platform", "linux/s390x", image);

        assertEquals(1, pull.exitCode(), pull.toString());
        assertTrue(pull.err().contains("linux/s390x"), pull.toString());
        assertTrue(pull.err().contains("linux/amd64") && pull.err().contains("linux/arm64"), pull.toString());
        assertTrue(pull.err().contains("hint: "), pull.toString());
        assertEquals(before, Roots.ls(root));
        assertEquals(java.util.Set.of(), Roots.blobs(root));
    }

    private static String archFile(Path root, String image) throws Exception {
        JsonNode layer = JSON.readTree(ok(CliRun.run(root, "image", "inspect", image)).out()).get(0).get("layers").get(0);
        return Files.readString(root.resolve("layers").resolve(Digest.parse(layer.get("chainId").asText()).hex()).resolve("etc/arch"));
    }

    @Test
    void aSecondPullFindsEveryBlobAlreadyInTheStore(@TempDir Path work, @TempDir Path root) throws Exception {
        String image = open.host() + "/again/busybox:1";
        Roots.pushBusybox(work, image, open.host(), null, null);
        CliRun first = ok(CliRun.run(root, "image", "pull", image));
        assertTrue(first.err().contains("downloaded"), first.toString());

        CliRun second = ok(CliRun.run(root, "image", "pull", image));

        assertTrue(second.err().contains("config: already in the store"), second.toString());
        assertTrue(second.err().contains("layer: already in the store"), second.toString());
        assertTrue(!second.err().contains("downloaded"), second.toString());
    }

    @Test
    void fromFilePullsEveryListedReferenceIgnoringCommentsAndBlankLines(@TempDir Path work, @TempDir Path root) throws Exception {
        String one = open.host() + "/list/one:1";
        String two = open.host() + "/list/two:1";
        Roots.pushBusybox(work, one, open.host(), null, null);
        RawImage.of("etc/two", "two".getBytes(StandardCharsets.UTF_8), RawImage.Compression.GZIP, Platform.host())
                .push(client(open), "list/two", "1");
        Path list = work.resolve("images.txt");
        Files.writeString(list, "# images this run needs\n\n" + one + "\n   \n" + two + "  # the second\n");

        CliRun pull = ok(CliRun.run(root, "image", "pull", "--from-file", list.toString()));

        assertTrue(pull.out().contains("pulled " + one), pull.toString());
        assertTrue(pull.out().contains("pulled " + two), pull.toString());
        String ls = Roots.ls(root);
        assertTrue(ls.contains(open.host() + "/list/one") && ls.contains(open.host() + "/list/two"), ls);
    }

    static RegistryClient client(LocalRegistry registry) {
        return RegistryClient.builder().endpoint(registry.endpoint()).credentials(Optional.<Credentials>empty()).build();
    }
}
