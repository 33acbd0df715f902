package dev.sandpod.sandbox;

import dev.sandpod.testing.TestImages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sandpod.image.ImageService;
import dev.sandpod.image.build.ScratchImageBuilder;
import dev.sandpod.image.build.ScratchImageBuilder.LayerEntry;
import dev.sandpod.image.registry.local.LocalRegistry;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.state.RegistrySecret;
import dev.sandpod.state.RootLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** `run -u` resolved in the image's own /etc/passwd and /etc/group, the image's WorkingDir and Env, `run --secret`. */
class RunUserE2ETest extends RealSandboxTest {
    static final String APP_IMAGE = "test/app:1";

    /** busybox, then a second layer replacing passwd and group with ones that have app (and hiding a file). */
    private void loadAppImage() throws Exception {
        List<LayerEntry> top = new ArrayList<>();
        top.add(LayerEntry.of(TarEntry.dir("etc/")));
        top.add(LayerEntry.of(TarEntry.dir("srv/")));
        top.add(LayerEntry.of(TarEntry.dir("srv/app/")));
        top.add(LayerEntry.file("etc/passwd", 0644, ("# users\nroot:x:0:0:root:/root:/bin/sh\n\n"
                + "app:x:1000:1000::/home/app:/bin/sh\n").getBytes(StandardCharsets.UTF_8)));
        top.add(LayerEntry.file("etc/group", 0644, "root:x:0:\nwheel:x:10:root\napp:x:1000:\nextra:x:2000:app\n"
                .getBytes(StandardCharsets.UTF_8)));
        try (ImageService images = ImageService.open(layout)) {
            TestImages.load(images, tmp, APP_IMAGE, new ScratchImageBuilder().layer(TestImages.busyboxLayer()).layer(top)
                    .cmd("/bin/sh", "-c", "id; pwd; echo FROM=$FROM MINE=$MINE")
                    .workingDir("/srv/app").env("PATH=/bin", "FROM=image", "MINE=image"));
        }
    }

    private List<String> output(String name) throws Exception {
        reconcileUntil(name, c -> c.state().equals("Terminated"), Duration.ofSeconds(10));
        return service.logs(name, -1, false).stream().map(LogLine::text).toList();
    }

    @Test
    void aUserNameGetsItsIdsAndGroupsFromTheImageAndTheImagesWorkdirAndEnvApply() throws Exception {
        loadAppImage();
        service.run(RunRequest.builder(APP_IMAGE).name("byname").user("app").env(List.of("MINE=request")).build());

        List<String> out = output("byname");
        String id = out.getFirst();
        assertTrue(id.startsWith("uid=1000(app) gid=1000(app)"), out.toString());
        assertTrue(id.contains("2000(extra)"), out.toString());
        assertEquals("/srv/app", out.get(1));
        assertEquals("FROM=image MINE=request", out.get(2));
        service.remove("byname", true);
    }

    @Test
    void theDefaultRootUserGetsTheGroupsThatListIt() throws Exception {
        loadAppImage();
        service.run(RunRequest.builder(APP_IMAGE).name("default").build());

        String id = output("default").getFirst();
        assertTrue(id.startsWith("uid=0(root) gid=0(root)") && id.contains("10(wheel)"), id);
        service.remove("default", true);
    }

    @Test
    void numericIdsNeedNoPasswdEntries() throws Exception {
        loadAppImage();
        service.run(RunRequest.builder(APP_IMAGE).name("numeric").user("1234:5678").build());

        String id = output("numeric").getFirst();
        assertTrue(id.startsWith("uid=1234 gid=5678"), id);
        service.remove("numeric", true);
    }

    @Test
    void anUnknownUserIsRefusedNamingItAndTheImageWithNothingMade() throws Exception {
        loadAppImage();
        InvalidRequestException e = assertThrows(InvalidRequestException.class, () -> service.run(
                RunRequest.builder(APP_IMAGE).name("ghost").user("nobodyhere").build()));
        assertEquals("user", e.field());
        assertTrue(e.getMessage().contains("unable to find user nobodyhere") && e.getMessage().contains(APP_IMAGE),
                e.getMessage());
        assertEquals(List.of(), service.list());
    }

    @Test
    void runSecretPullsAPrivateImageAndWithoutItThePullFailsUnauthorized() throws Exception {
        assumeTrue(LocalRegistry.available(), "docker-registry is installed by ./run-tests");
        try (LocalRegistry registry = LocalRegistry.withBasicAuth("alice", "run-secret-pw")) {
            String image = registry.host() + "/team/busybox:1";
            // pushed from a scratch root, so this test's root has to pull it
            RootLayout scratch = RootLayout.of(Files.createTempDirectory(tmp, "push-"));
            try (ImageService images = ImageService.open(scratch)) {
                TestImages.busybox(images, tmp);
                images.tag(IMAGE, image);
                images.secrets().create(new RegistrySecret("push", registry.host(), "alice", "run-secret-pw"), false);
                images.push(image, Optional.of("push"), (digest, existed) -> { });
            }

            ImagePullException denied = assertThrows(ImagePullException.class, () -> service.run(
                    RunRequest.builder(image).name("nosecret").args("/bin/true").build()));
            assertTrue(denied.reason().toLowerCase().contains("unauthorized"), denied.reason());
            assertEquals(List.of("Pulling", "ErrImagePull"), service.events("nosecret").stream().map(Event::reason).toList());
            assertEquals(List.of(), service.list());

            new dev.sandpod.state.SecretStore(layout).create(new RegistrySecret("reg", registry.host(), "alice", "run-secret-pw"), false);
            service.run(RunRequest.builder(image).name("private").secret("reg").args("/bin/sh", "-c", "echo pulled").build());
            assertEquals(List.of("pulled"), output("private"));
            assertTrue(reasons(service.describe("private")).contains("Pulled"));
            service.remove("private", true);
        }
    }
}
