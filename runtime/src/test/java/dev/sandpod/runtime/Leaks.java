package dev.sandpod.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a test may have left behind on the host. */
final class Leaks {
    private Leaks() {
    }

    /** Mount points at or under {@code dir}, from /proc/self/mountinfo. */
    static List<String> mountsUnder(Path dir) throws IOException {
        String prefix = dir.toAbsolutePath().toString();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mountPoint = line.split(" ")[4].replace("\\040", " ");
            if (mountPoint.equals(prefix) || mountPoint.startsWith(prefix + "/")) {
                out.add(mountPoint);
            }
        }
        return out;
    }

    /** Cgroup directories at {@code cgroupPath} in any hierarchy under /sys/fs/cgroup. */
    static List<Path> cgroupDirs(String cgroupPath) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) {
                Path dir = h.resolve(cgroupPath.substring(1));
                if (Files.isDirectory(dir)) {
                    out.add(dir);
                }
            }
        }
        return out;
    }

    /** Live processes whose command line mentions {@code text} (a root path or container id). */
    static List<String> processesMentioning(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                if (!p.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (cmdline.contains(text)) {
                        out.add(p.getFileName() + ": " + cmdline);
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return out;
    }
}
