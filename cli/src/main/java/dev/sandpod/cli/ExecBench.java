package dev.sandpod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandpod.client.ApiException;
import dev.sandpod.client.SandpodClient;
import dev.sandpod.client.model.ExecCommandRequest;
import dev.sandpod.client.model.ExecCommandResult;
import dev.sandpod.client.model.RunSandboxRequest;
import dev.sandpod.core.FileTrees;
import dev.sandpod.core.SandpodException;
import dev.sandpod.image.build.ScratchImageBuilder;
import dev.sandpod.image.build.ScratchImageBuilder.LayerEntry;
import dev.sandpod.image.tar.TarEntry;
import dev.sandpod.runtime.ContainerPaths;
import dev.sandpod.runtime.RuncConmonRuntime;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * exec {@code /bin/true} in a running busybox container, timed in the same run, interleaved in a new random order
 * each round: sandpod through the API (the Java client in this JVM, against the daemon of the bench's own root) and
 * through the CLI (a new JVM per sample, started as ./sandpod starts it), beside `runc exec` into the same container,
 * `podman exec` into a container of the same image (when podman is installed) and `nsenter` into the container's
 * namespaces (the floor: no runtime at all). Everything it makes lives in a temporary directory and goes at the end.
 */
final class ExecBench {
    /** The JVM options ./sandpod starts the CLI with (a test keeps them in step with the script). */
    static final List<String> LAUNCHER_JVM_OPTIONS = List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xshare:auto");
    /** --quick keeps the whole exec bench well under a minute; each round's new JVM and podman exec cost the most. */
    static final int QUICK_SAMPLES = 12;
    static final int QUICK_WARMUPS = 2;
    static final int FULL_SAMPLES = 100;
    static final int FULL_WARMUPS = 10;
    static final String API = "exec /bin/true (API, Java client)";
    static final String CLI = "exec /bin/true (CLI, new JVM)";
    static final String RUNC = "runc exec";
    static final String PODMAN = "podman exec";
    static final String NSENTER = "nsenter (namespaces only)";
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Path NSENTER_BINARY = Path.of("/usr/bin/nsenter");
    private static final String IMAGE = "localhost/sandpod-bench/busybox:exec";
    private static final String SANDBOX = "bench-exec";
    private static final List<String> TRUE = List.of("/bin/true");
    private static final List<String> SLEEP = List.of("/bin/busybox", "sleep", "1000000");

    private final PrintWriter log;
    private final int samples;
    private final int warmups;

    /** One way of running /bin/true in the container; returns how long it took in milliseconds. */
    @FunctionalInterface
    private interface Sample {
        double ms() throws SandpodException, ApiException, IOException, InterruptedException;
    }

    /** A baseline: measured one way, or unavailable in this run. */
    private sealed interface Baseline permits Way, Unavailable {
    }

    private record Way(String name, Sample sample) implements Baseline {
    }

    /** A baseline this run can't measure, and why ("not installed"). */
    private record Unavailable(String name, String reason) implements Baseline {
    }

    ExecBench(PrintWriter log, int samples, int warmups) {
        if (samples < 1 || warmups < 0) {
            throw new IllegalArgumentException("samples must be positive and warm-ups not negative");
        }
        this.log = log;
        this.samples = samples;
        this.warmups = warmups;
    }

    List<BenchResult> run() throws SandpodException, ApiException, IOException, InterruptedException {
        if (!Files.isExecutable(BUSYBOX)) {
            throw new CommandFailedException("the exec bench builds its image from " + BUSYBOX + ", which is not installed",
                    "install it: apt-get install busybox-static", null);
        }
        Path work = shortTempDirectory();
        try (BenchCleanup cleanup = new BenchCleanup()) {
            cleanup.add("delete " + work, () -> FileTrees.deleteTree(work));
            // the container's processes reach the image's layers through the root: not 0700, as temp dirs are made
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
            say("working in " + work + " (removed at the end); load average " + Files.readString(Path.of("/proc/loadavg")).strip());
            Path archive = work.resolve("busybox.tar");
            writeImage(archive, work);
            TimedCommand commands = new TimedCommand(work.resolve("command-stderr.log"));

            RootLayout layout = RootLayout.of(work.resolve("root"));
            cleanup.add("stop the daemon of " + layout.root(), () -> Daemons.stop(layout));
            say("starting a daemon for the bench's root and a sandbox");
            SandpodClient client = Daemons.launcher(layout).ensureRunning().client();
            try (InputStream in = Files.newInputStream(archive)) {
                client.loadImages(in, archive.getFileName().toString());
            }
            cleanup.add("remove the sandbox " + SANDBOX, () -> removeSandbox(client));
            client.runSandbox(new RunSandboxRequest(IMAGE, SANDBOX, SLEEP, List.of(), null, null, null, null, null, null,
                    List.of(), List.of(), false, List.of(), null, null));
            String containerId = client.describeSandbox(SANDBOX).main().id();
            Path runcRoot = ContainerPaths.runcRoot(layout);

            List<Way> sandpod = List.of(new Way(API, () -> apiExec(client)),
                    new Way(CLI, () -> commands.run(cliExec(layout))));
            List<Baseline> baselines = List.of(
                    new Way(RUNC, () -> commands.run(List.of(RuncConmonRuntime.DEFAULT_RUNC.toString(), "--root",
                            runcRoot.toString(), "exec", containerId, "/bin/true"))),
                    podman(work, archive, commands, cleanup),
                    nsenter(runcRoot, containerId, commands));
            List<Way> measured = new ArrayList<>(sandpod);
            baselines.forEach(b -> {
                if (b instanceof Way way) {
                    measured.add(way);
                }
            });
            Map<String, List<Double>> times = measure(measured);
            List<BenchResult> results = new ArrayList<>();
            for (Way way : sandpod) {
                BenchResult.Stats stats = BenchResult.Stats.of(times.get(way.name()));
                for (Baseline baseline : baselines) {
                    results.add(switch (baseline) {
                        case Way b -> new BenchResult(way.name(), stats, b.name(), BenchResult.Stats.of(times.get(b.name())), samples);
                        case Unavailable u -> BenchResult.skipped(way.name(), stats, u.name(), u.reason(), samples);
                    });
                }
            }
            say("removing the sandbox, the daemon and " + work);
            return results;
        }
    }

    /** podman exec into a container of the same image, when podman is installed and can run it here. */
    private Baseline podman(Path work, Path archive, TimedCommand commands, BenchCleanup cleanup)
            throws IOException, InterruptedException {
        Optional<Path> podman = PodmanBaseline.installed();
        if (podman.isEmpty()) {
            say("podman is not installed: the table says so");
            return new Unavailable(PODMAN, "not installed");
        }
        say("starting a podman container of the same image (a podman store of its own in " + work.resolve("podman") + ")");
        try {
            PodmanBaseline baseline = PodmanBaseline.start(podman.get(), work.resolve("podman"), archive, IMAGE, SLEEP, commands, cleanup);
            say(baseline.describe());
            List<String> exec = baseline.execArgv(TRUE);
            return new Way(PODMAN, () -> commands.run(exec));
        } catch (TimedCommandException e) {
            // podman that can't run a container here is a missing baseline, not a failed bench
            say("podman can't run a container here, skipped: " + e.getMessage());
            return new Unavailable(PODMAN, "skipped: " + (e.said().isEmpty() ? e.getMessage() : e.said()));
        }
    }

    /** nsenter into the container's namespaces and root, running /bin/true there: no runtime, no cgroup. */
    private static Baseline nsenter(Path runcRoot, String containerId, TimedCommand commands)
            throws BenchFailedException, IOException, InterruptedException {
        if (!Files.isExecutable(NSENTER_BINARY)) {
            return new Unavailable(NSENTER, "not installed (util-linux)");
        }
        String pid = String.valueOf(containerPid(runcRoot, containerId));
        return new Way(NSENTER, () -> commands.run(List.of(NSENTER_BINARY.toString(), "--target", pid, "--all", "--root", "--wd", "/bin/true")));
    }

    /** Every way, interleaved in a new random order each round; the warm-up rounds are discarded. */
    private Map<String, List<Double>> measure(List<Way> ways) throws SandpodException, ApiException, IOException, InterruptedException {
        Map<String, List<Double>> times = new LinkedHashMap<>();
        ways.forEach(w -> times.put(w.name(), new ArrayList<>()));
        Random random = new Random(8);
        int progressEvery = Math.max(1, samples / 10);
        say(warmups + " warm-up rounds, then " + samples + " samples of each of " + ways.size() + " ways");
        for (int round = -warmups; round < samples; round++) {
            List<Way> order = new ArrayList<>(ways);
            Collections.shuffle(order, random);
            long start = System.nanoTime();
            for (Way way : order) {
                double ms = way.sample().ms();
                if (round >= 0) {
                    times.get(way.name()).add(ms);
                }
            }
            double roundSeconds = (System.nanoTime() - start) / 1e9;
            boolean lastWarmup = round == -1 || (warmups == 0 && round == 0);
            if (lastWarmup) {
                say(String.format(Locale.ROOT, "about %.0f s to go (%.2f s a round)", roundSeconds * (samples - round - 1), roundSeconds));
            } else if (round >= 0 && ((round + 1) % progressEvery == 0 || round + 1 == samples)) {
                say("sample " + (round + 1) + " of " + samples);
            }
        }
        return times;
    }

    /** /tmp/sandpod-bench-XXXXXXXX: podman refuses a run root of more than 50 characters, which it is made under. */
    private static Path shortTempDirectory() throws IOException {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        for (int attempt = 0; ; attempt++) {
            Path dir = tmp.resolve("sandpod-bench-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()));
            try {
                return Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 100) {
                    throw taken;
                }
            }
        }
    }

    private static double apiExec(SandpodClient client) throws ApiException, BenchFailedException {
        long start = System.nanoTime();
        ExecCommandResult result = client.exec(SANDBOX, ExecCommandRequest.of(TRUE));
        double ms = (System.nanoTime() - start) / 1e6;
        if (result.exitCode() != 0) {
            throw new BenchFailedException("exec /bin/true through the API exited with " + result.exitCode()
                    + (result.startFailure() == null ? "" : ": " + result.startFailure()), "see the daemon's log in the bench's root", null);
        }
        return ms;
    }

    /** `sandpod --root ROOT exec bench-exec -- /bin/true` in a new JVM, started as ./sandpod starts the CLI. */
    static List<String> cliExec(RootLayout layout) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(LAUNCHER_JVM_OPTIONS);
        command.addAll(List.of("-cp", launcherClassPath(), Main.class.getName(), "--root=" + layout.root(), "exec", SANDBOX, "--"));
        command.addAll(TRUE);
        return command;
    }

    /** The launcher's class path (the CLI's jar, and lib/* beside it) when this runs from the jar, else this JVM's. */
    private static String launcherClassPath() {
        try {
            Path self = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = self.resolveSibling("lib");
            if (Files.isRegularFile(self) && Files.isDirectory(lib)) {
                return self + ":" + lib + "/*";
            }
        } catch (URISyntaxException notAFile) {
            // not loaded from a file: the tests' class path below is what there is
        }
        return System.getProperty("java.class.path");
    }

    private static long containerPid(Path runcRoot, String containerId) throws IOException, InterruptedException, BenchFailedException {
        Process runc = new ProcessBuilder(RuncConmonRuntime.DEFAULT_RUNC.toString(), "--root", runcRoot.toString(), "state", containerId)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = runc.getInputStream().readAllBytes();
        if (runc.waitFor() != 0) {
            throw new BenchFailedException("runc state " + containerId + " failed with exit code " + runc.exitValue(),
                    "see the daemon's log in the bench's root", null);
        }
        JsonNode state = Json.MAPPER.readTree(out);
        if (!state.path("pid").canConvertToLong() || state.path("pid").asLong() <= 0) {
            throw new BenchFailedException("runc state " + containerId + " has no pid: " + state, "see the daemon's log", null);
        }
        return state.path("pid").asLong();
    }

    private static void removeSandbox(SandpodClient client) throws ApiException {
        try {
            client.removeSandbox(SANDBOX, true);
        } catch (ApiException e) {
            if (e.status() != 404) {
                throw e;
            }
            // the run failed before it made the sandbox: nothing to remove
        }
    }

    private static void writeImage(Path archive, Path work) throws IOException {
        List<LayerEntry> entries = new ArrayList<>();
        for (String dir : List.of("bin/", "etc/", "tmp/")) {
            entries.add(LayerEntry.of(TarEntry.dir(dir)));
        }
        entries.add(LayerEntry.hostFile("bin/busybox", 0755, BUSYBOX));
        // symlinks, not hard links: a tar hard link has a mode of its own (0644 here), and podman gives it to the file
        for (String applet : List.of("sh", "true", "sleep")) {
            entries.add(LayerEntry.of(TarEntry.symlink("bin/" + applet, "busybox")));
        }
        entries.add(LayerEntry.file("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\n".getBytes(StandardCharsets.UTF_8)));
        entries.add(LayerEntry.file("etc/group", 0644, "root:x:0:\n".getBytes(StandardCharsets.UTF_8)));
        try (OutputStream out = Files.newOutputStream(archive)) {
            new ScratchImageBuilder().layer(entries).cmd("/bin/sh").writeArchive(out, List.of(IMAGE), work);
        }
    }

    private void say(String line) {
        log.println("exec bench: " + line);
        log.flush();
    }
}
