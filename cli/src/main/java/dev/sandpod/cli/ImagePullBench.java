package dev.sandpod.cli;

import dev.sandpod.client.ApiException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.core.FileTrees;
import dev.sandpod.core.SandpodException;
import dev.sandpod.image.ImageService;
import dev.sandpod.image.build.ScratchImageBuilder;
import dev.sandpod.image.build.ScratchImageBuilder.LayerEntry;
import dev.sandpod.image.pull.PullProgress;
import dev.sandpod.image.registry.local.LocalRegistry;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Pull + unpack of a ~100 MiB, 4-layer image from a registry on 127.0.0.1: sandpod (in-process, as the daemon
 * pulls, and as a fresh CLI process asking a running daemon) against `skopeo copy` + `umoci unpack` of the same
 * image, same run.
 */
final class ImagePullBench {
    private static final int LAYERS = 4;
    private static final int RANDOM_BYTES = 12 << 20;
    private static final int TEXT_BYTES = 13 << 20;
    private final PrintWriter log;
    private final int samples;

    ImagePullBench(PrintWriter log, int samples) {
        this.log = log;
        this.samples = samples;
    }

    List<BenchResult> run() throws SandpodException, ApiException, IOException, InterruptedException {
        Baselines.require(log, "skopeo", "umoci");
        Path work = Files.createTempDirectory("sandpod-bench-");
        RootLayout cliRoot = RootLayout.of(work.resolve("cli"));
        try (LocalRegistry registry = LocalRegistry.start()) {
            String ref = registry.host() + "/bench/image:1";
            publish(work, ref);
            // The CLI asks its root's daemon, which runs already as it would for a user (its start is not a pull's cost).
            SandpodClient daemon = Daemons.launcher(cliRoot).ensureRunning().client();
            List<Double> inProcess = new ArrayList<>();
            List<Double> cli = new ArrayList<>();
            List<Double> baseline = new ArrayList<>();
            for (int i = -1; i < samples; i++) {
                log.printf("sample %d of %d%n", i + 1, samples);
                log.flush();
                double a = timeInProcess(work, ref);
                double b = timeCli(daemon, cliRoot, ref);
                double c = timeSkopeoUmoci(work, registry.host());
                if (i >= 0) { // the first round warms caches and the JIT and is discarded
                    inProcess.add(a);
                    cli.add(b);
                    baseline.add(c);
                }
            }
            String baselineName = "skopeo copy + umoci unpack";
            return List.of(
                    new BenchResult("image pull+unpack ~100 MiB (in-process)", BenchResult.Stats.of(inProcess), baselineName,
                            BenchResult.Stats.of(baseline), samples),
                    new BenchResult("image pull+unpack ~100 MiB (CLI, new JVM, via the daemon)", BenchResult.Stats.of(cli), baselineName,
                            BenchResult.Stats.of(baseline), samples));
        } finally {
            try {
                Daemons.stop(cliRoot);
            } finally {
                FileTrees.deleteTree(work);
            }
        }
    }

    private void publish(Path work, String ref) throws SandpodException, IOException {
        log.println("building a ~100 MiB image and pushing it to the local registry");
        log.flush();
        Random random = new Random(42);
        ScratchImageBuilder builder = new ScratchImageBuilder();
        for (int i = 0; i < LAYERS; i++) {
            byte[] noise = new byte[RANDOM_BYTES];
            random.nextBytes(noise);
            byte[] text = ("layer " + i + " line of compressible text for the benchmark image\n").repeat(TEXT_BYTES / 60)
                    .getBytes(StandardCharsets.UTF_8);
            builder.layer(List.of(LayerEntry.file("data/random-" + i, 0644, noise), LayerEntry.file("data/text-" + i, 0644, text)));
        }
        Path archive = work.resolve("image.tar");
        try (OutputStream out = Files.newOutputStream(archive)) {
            builder.writeArchive(out, List.of(ref), work);
        }
        Path root = work.resolve("publish-root");
        try (ImageService images = ImageService.open(RootLayout.of(root))) {
            try (var in = Files.newInputStream(archive)) {
                images.load(in, archive.toString());
            }
            images.push(ref, Optional.empty(), (d, b) -> { });
        }
        FileTrees.deleteTree(root);
        Files.delete(archive);
    }

    private double timeInProcess(Path work, String ref) throws SandpodException, IOException {
        Path root = work.resolve("inproc");
        long start = System.nanoTime();
        try (ImageService images = ImageService.open(RootLayout.of(root))) {
            images.pull(ref, Optional.empty(), Optional.empty(), PullProgress.SILENT);
        }
        double ms = (System.nanoTime() - start) / 1e6;
        FileTrees.deleteTree(root);
        return ms;
    }

    private double timeCli(SandpodClient daemon, RootLayout root, String ref) throws ApiException, IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        long start = System.nanoTime();
        Baselines.run(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--root=" + root.root(), "image", "pull", ref));
        double ms = (System.nanoTime() - start) / 1e6;
        // An empty store again, as every sample starts from.
        daemon.removeImage(ref, true);
        daemon.pruneImages();
        return ms;
    }

    private double timeSkopeoUmoci(Path work, String host) throws IOException, InterruptedException {
        Path layout = work.resolve("oci");
        Path bundle = work.resolve("bundle");
        long start = System.nanoTime();
        Baselines.run(List.of("skopeo", "copy", "--quiet", "--src-tls-verify=false",
                "docker://" + host + "/bench/image:1", "oci:" + layout + ":bench"));
        Baselines.run(List.of("umoci", "unpack", "--image", layout + ":bench", bundle.toString()));
        double ms = (System.nanoTime() - start) / 1e6;
        FileTrees.deleteTree(layout);
        FileTrees.deleteTree(bundle);
        return ms;
    }


    /** The baseline tools: installed from Debian on first use (the bench says so), run and waited for. */
    static final class Baselines {
        private Baselines() {
        }

        static void require(PrintWriter log, String... tools) throws IOException, InterruptedException {
            List<String> missing = new ArrayList<>();
            for (String tool : tools) {
                if (!Files.isExecutable(Path.of("/usr/bin", tool))) {
                    missing.add(tool);
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            log.println("installing baseline tools from Debian: " + String.join(" ", missing));
            log.flush();
            List<String> command = new ArrayList<>(List.of("apt-get", "install", "-y", "-qq", "--no-install-recommends"));
            command.addAll(missing);
            run(command);
        }

        static void run(List<String> command) throws IOException, InterruptedException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish within 10 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed with exit code " + p.exitValue());
            }
        }
    }
}
