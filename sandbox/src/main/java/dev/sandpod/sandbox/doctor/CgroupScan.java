package dev.sandpod.sandbox.doctor;

import dev.sandpod.runtime.CgroupPaths;
import dev.sandpod.runtime.Cgroups;
import dev.sandpod.state.RootLayout;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Cgroups under this root's parent ({@code /sandpod/ROOTTAG}, in any hierarchy) of a sandbox or container that is not
 * in state. Processes still in one are this root's by where they are: they are killed (SIGKILL) before the cgroup is
 * removed with {@link Cgroups#remove}, which also removes emptied parents.
 */
final class CgroupScan implements Scan {
    private static final Duration EMPTY_WAIT = Duration.ofSeconds(5);
    private final Path cgroupRoot;
    private final String parent;
    private final Cgroups cgroups;

    CgroupScan(Path cgroupRoot, RootLayout layout, Cgroups cgroups) {
        this.cgroupRoot = cgroupRoot;
        this.parent = CgroupPaths.forRoot(layout);
        this.cgroups = cgroups;
    }

    @Override
    public List<Leftover> scan(Ownership owned) throws DoctorException {
        TreeSet<String> paths = new TreeSet<>();
        try {
            for (Path hierarchy : hierarchies()) {
                Path base = hierarchy.resolve(parent.substring(1));
                for (Path sandbox : subdirs(base)) {
                    String sandboxId = sandbox.getFileName().toString();
                    if (!owned.ownsSandbox(sandboxId)) {
                        paths.add(parent + "/" + sandboxId);
                        continue;
                    }
                    for (Path container : subdirs(sandbox)) {
                        String containerId = container.getFileName().toString();
                        if (!owned.ownsContainer(containerId)) {
                            paths.add(parent + "/" + sandboxId + "/" + containerId);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new DoctorException("can't list cgroups under " + cgroupRoot + ": " + e.getMessage(),
                    "run doctor as root", e);
        }
        return paths.stream().map(p -> Leftover.of(LeftoverKind.CGROUP, p, () -> remove(p))).toList();
    }

    private List<Path> hierarchies() throws IOException {
        if (Files.exists(cgroupRoot.resolve("cgroup.controllers"))) {
            return List.of(cgroupRoot);
        }
        return subdirs(cgroupRoot);
    }

    private static List<Path> subdirs(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            entries.forEach(out::add);
        }
        return out;
    }

    private void remove(String path) throws Exception {
        long deadline = System.nanoTime() + EMPTY_WAIT.toNanos();
        List<Long> pids = pids(path);
        while (!pids.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("processes " + pids + " stay in cgroup " + path + " after SIGKILL");
            }
            pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            Thread.sleep(20);
            pids = pids(path);
        }
        for (String cgroup : treeDeepestFirst(path)) {
            cgroups.remove(cgroup);
        }
    }

    /** {@code path} and every cgroup below it in any hierarchy, children before parents (rmdir needs them empty). */
    private List<String> treeDeepestFirst(String path) throws IOException {
        TreeSet<String> tree = new TreeSet<>(Comparator.comparingInt((String p) -> p.split("/").length).reversed()
                .thenComparing(Comparator.naturalOrder()));
        tree.add(path);
        for (Path hierarchy : hierarchies()) {
            Path dir = hierarchy.resolve(path.substring(1));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.filter(Files::isDirectory).forEach(d -> tree.add(path + "/" + dir.relativize(d)));
            }
        }
        tree.remove(path + "/");
        return new ArrayList<>(tree);
    }

    /** Every process in the cgroup or below it, in any hierarchy. */
    private List<Long> pids(String path) throws IOException {
        TreeSet<Long> pids = new TreeSet<>();
        for (Path hierarchy : hierarchies()) {
            Path dir = hierarchy.resolve(path.substring(1));
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path procs : walk.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                    try {
                        Files.readAllLines(procs).stream().map(String::strip).filter(l -> !l.isEmpty())
                                .map(Long::parseLong).forEach(pids::add);
                    } catch (IOException gone) {
                        // removed meanwhile
                    }
                }
            }
        }
        return new ArrayList<>(pids);
    }
}
