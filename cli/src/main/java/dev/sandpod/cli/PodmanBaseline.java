package dev.sandpod.cli;

import dev.sandpod.core.FileTrees;
import dev.sandpod.runtime.OciSpecBuilder;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * podman as the exec benchmark's baseline: a container of the bench's own image archive, in a podman store of its
 * own under the bench's directory (not /var/lib/containers/storage), without a network, its cgroups under a parent of
 * its own; {@link #start} registers its removal (container, store, cgroups) with the bench's cleanup.
 */
final class PodmanBaseline {
    private static final Path CGROUP_FS = Path.of("/sys/fs/cgroup");
    private static final List<Path> MACHINE_DIRS = List.of(Path.of("/run/containers"), Path.of("/var/lib/containers"));
    private final List<String> global;
    private final String container;
    private final String cgroupParent;
    private final TimedCommand commands;

    private PodmanBaseline(List<String> global, String container, String cgroupParent, TimedCommand commands) {
        this.global = global;
        this.container = container;
        this.cgroupParent = cgroupParent;
        this.commands = commands;
    }

    /** podman on PATH, as a user would run it. */
    static Optional<Path> installed() {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "podman"))) {
                return Optional.of(Path.of(dir, "podman"));
            }
        }
        return Optional.empty();
    }

    /**
     * Loads {@code archive} (which holds {@code image}) into a fresh store under {@code dir} and starts a container
     * of it running {@code argv}.
     */
    static PodmanBaseline start(Path podman, Path dir, Path archive, String image, List<String> argv, TimedCommand commands,
                                BenchCleanup cleanup)
            throws TimedCommandException, IOException, InterruptedException {
        String tag = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        String cgroupParent = "/sandpod-bench-podman-" + tag;
        Files.createDirectories(dir);
        List<String> global = List.of(podman.toString(), "--root", dir.resolve("storage").toString(),
                "--runroot", dir.resolve("run").toString(), "--tmpdir", dir.resolve("tmp").toString(),
                "--network-config-dir", dir.resolve("networks").toString(),
                // cgroupfs: the container's cgroups go where the bench can find and remove them, with or without systemd
                "--cgroup-manager", "cgroupfs", "--events-backend", "file");
        PodmanBaseline baseline = new PodmanBaseline(global, "sandpod-bench-" + tag, cgroupParent, commands);
        // podman also writes outside its store: netavark's run dir, and a blob cache it shares with skopeo. What it
        // makes there goes with the bench; a directory that was there before is left as it is (with our digests cached)
        for (Path shared : MACHINE_DIRS) {
            if (!Files.exists(shared, LinkOption.NOFOLLOW_LINKS)) {
                cleanup.add("remove " + shared + ", which podman made", () -> FileTrees.deleteTree(shared));
            }
        }
        cleanup.add("remove podman's cgroups under " + cgroupParent, () -> removeCgroups(cgroupParent));
        // rm and reset unmount podman's overlays, which the bench directory's removal must not find
        cleanup.add("remove podman's store in " + dir, () -> baseline.podman(List.of("system", "reset", "--force")));
        baseline.podman(List.of("load", "--quiet", "--input", archive.toString()));
        cleanup.add("remove the podman container " + baseline.container,
                () -> baseline.podman(List.of("rm", "--force", "--time", "0", baseline.container)));
        List<String> run = new ArrayList<>(List.of("run", "--detach", "--pull", "never", "--network", "none",
                "--name", baseline.container, "--cgroup-parent", cgroupParent));
        // podman's default rlimits are above what runc may set without CAP_SYS_RESOURCE (this process's hard limits;
        // for nproc, found by trial, pid_max too), and the container then fails to start; sandpod clamps NOFILE alike
        long pidMax = Long.parseLong(Files.readString(Path.of("/proc/sys/kernel/pid_max")).strip());
        long nproc = Math.min(Rlimits.hard("Max processes"), pidMax);
        long nofile = Math.min(OciSpecBuilder.NOFILE, OciSpecBuilder.ownNofileHardLimit());
        run.addAll(List.of("--ulimit", "nofile=" + nofile + ":" + nofile, "--ulimit", "nproc=" + nproc + ":" + nproc));
        run.add(image);
        run.addAll(argv);
        baseline.podman(run);
        return baseline;
    }

    /** For the bench's log: what to look for if something were left. */
    String describe() {
        return "podman container " + container + ", cgroups under " + cgroupParent;
    }

    /** {@code podman exec CONTAINER argv...}, as a user runs it (with this store's options). */
    List<String> execArgv(List<String> argv) {
        List<String> exec = new ArrayList<>(global);
        exec.addAll(List.of("exec", container));
        exec.addAll(argv);
        return exec;
    }

    private void podman(List<String> args) throws TimedCommandException, IOException, InterruptedException {
        List<String> command = new ArrayList<>(global);
        command.addAll(args);
        commands.run(command);
    }

    /** The parent's directory in every hierarchy (v1: one per controller; v2: the one tree), children first. */
    private static void removeCgroups(String parent) throws IOException {
        List<Path> hierarchies = new ArrayList<>(List.of(CGROUP_FS));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(CGROUP_FS, Files::isDirectory)) {
            dirs.forEach(hierarchies::add);
        }
        for (Path hierarchy : hierarchies) {
            Path dir = hierarchy.resolve(parent.substring(1));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            List<Path> tree;
            try (Stream<Path> walk = Files.walk(dir)) {
                tree = walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList();
            }
            for (Path cgroup : tree) {
                Files.delete(cgroup); // rmdir: a cgroup's files go with its directory
            }
        }
    }

    /** This process's own resource limits, from /proc/self/limits. */
    static final class Rlimits {
        private Rlimits() {
        }

        /** The hard value of the named limit ("Max processes"); Long.MAX_VALUE for unlimited. */
        static long hard(String name) throws IOException {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith(name + " ")) {
                    String[] fields = line.substring(name.length()).trim().split("\\s+");
                    return fields[1].equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(fields[1]);
                }
            }
            throw new IOException("no '" + name + "' in /proc/self/limits");
        }
    }
}
