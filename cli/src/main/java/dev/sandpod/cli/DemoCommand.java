package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.model.SecretCreateRequest;
import dev.sandpod.core.FileTrees;
import dev.sandpod.core.SandpodException;
import dev.sandpod.image.build.ScratchImageBuilder;
import dev.sandpod.image.build.ScratchImageBuilder.LayerEntry;
import dev.sandpod.image.registry.local.LocalRegistry;
import dev.sandpod.image.tar.TarEntry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * The image round trip a new user can watch: build a busybox image, load it, push it to a private registry
 * (refused without a secret, accepted with one), remove it, and pull it back with the secret; then run it. Each
 * step is a real command of this command line, so they all go through the root's daemon.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Show an image round trip through a private registry on this machine, then run the image as a sandbox.")
final class DemoCommand implements Callable<Integer> {
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final String SECRET = "demo-registry";
    private static final String DEMO_SANDBOX = "demo-hello";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws ApiException, SandpodException, IOException {
        PrintWriter out = Cli.out(spec);
        if (!Files.isExecutable(BUSYBOX) || !LocalRegistry.available()) {
            throw new CommandFailedException("the demo needs " + BUSYBOX + " and " + LocalRegistry.BINARY,
                    "install them: apt-get install busybox-static docker-registry apache2-utils", null);
        }
        String rootOption = "--root=" + Cli.layout(spec).root();
        Path work = Files.createTempDirectory("sandpod-demo-");
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        try (LocalRegistry registry = LocalRegistry.withBasicAuth("demo", password)) {
            String image = registry.host() + "/demo/busybox:1.0";
            out.println("# A private registry with password auth is running on " + registry.host() + ".");
            out.println("# 1. Build a small busybox image as an archive, as `docker save` would write it.");
            Path archive = work.resolve("busybox-demo.tar");
            buildBusyboxArchive(archive, work);
            out.println("   wrote " + archive);
            step(out, "2. Load the archive into the store (a daemon starts for the root; every command goes through it).",
                    rootOption, "image", "load", archive.toString());
            step(out, "3. Name it for the private registry.", rootOption, "image", "tag", "demo/busybox:1.0", image);
            step(out, "4. Push without credentials: the registry refuses, and sandpod says what to do.", rootOption, "image", "push", image);
            out.println("# 5. Store the registry's credentials as a secret (the password comes on stdin, never as an argument).");
            out.println("$ printf %s \"$PASSWORD\" | sandpod secret create registry " + SECRET + " --server " + registry.host()
                    + " --username demo --password-stdin --replace");
            Cli.client(spec).createSecret(new SecretCreateRequest(SECRET, registry.host(), "demo", password, true));
            out.println("created secret " + SECRET + " for " + registry.host());
            step(out, "6. Push with the secret.", rootOption, "image", "push", "--secret", SECRET, image);
            step(out, "7. Remove the local copy (names, blobs and unpacked layers).", rootOption, "image", "rm", image, "demo/busybox:1.0");
            step(out, "8. Pull it back with the secret: digests verified, layers unpacked safely.", rootOption, "image", "pull", "--secret", SECRET, image);
            step(out, "9. The store now holds it.", rootOption, "image", "ls");
            step(out, "10. Run it as a sandbox: its own network namespace, IP and limits.",
                    rootOption, "run", "--name", DEMO_SANDBOX, "--memory", "64Mi", image, "--",
                    "/bin/sh", "-c", "echo hello from $(cat /etc/hostname); sleep 1000");
            step(out, "11. See it running.", rootOption, "ps");
            step(out, "12. Its output.", rootOption, "logs", DEMO_SANDBOX);
            step(out, "13. Remove it: netns, veth, IP, mounts, cgroups and logs go with it.", rootOption, "rm", "-f", DEMO_SANDBOX);
            step(out, "14. Stop the daemon (it never stops containers; none are left here).", rootOption, "daemon", "stop");
            out.println("# Done. The registry stops now; the image stays in the store (`sandpod image rm " + image + "` removes it).");
        } finally {
            FileTrees.deleteTree(work);
        }
        return 0;
    }

    private void step(PrintWriter out, String title, String... args) {
        out.println("# " + title);
        List<String> shown = new ArrayList<>(List.of(args));
        shown.removeIf(a -> a.startsWith("--root="));
        out.println("$ sandpod " + String.join(" ", shown.stream().map(DemoCommand::shellQuoted).toList()));
        out.flush();
        CommandLine cli = Main.newCommandLine(Cli.daemons(spec));
        cli.setOut(out);
        cli.setErr(out);
        int code = cli.execute(args);
        out.println("(exit " + code + ")");
        out.flush();
    }

    /** An argument as a shell user would type it. */
    private static String shellQuoted(String arg) {
        return arg.matches("[A-Za-z0-9_./:=@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    private static void buildBusyboxArchive(Path archive, Path work) throws IOException {
        List<LayerEntry> entries = new ArrayList<>();
        for (String dir : List.of("bin/", "etc/", "tmp/", "root/")) {
            entries.add(LayerEntry.of(TarEntry.dir(dir)));
        }
        entries.add(LayerEntry.hostFile("bin/busybox", 0755, BUSYBOX));
        for (String applet : List.of("sh", "ls", "cat", "echo", "id", "wget", "ps")) {
            entries.add(LayerEntry.of(TarEntry.hardlink("bin/" + applet, "bin/busybox")));
        }
        entries.add(LayerEntry.file("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n"
                .getBytes(StandardCharsets.UTF_8)));
        entries.add(LayerEntry.file("etc/group", 0644, "root:x:0:\nnogroup:x:65534:\n".getBytes(StandardCharsets.UTF_8)));
        try (OutputStream out = Files.newOutputStream(archive)) {
            new ScratchImageBuilder().layer(entries).cmd("/bin/sh").writeArchive(out, List.of("docker.io/demo/busybox:1.0"), work);
        }
    }
}
