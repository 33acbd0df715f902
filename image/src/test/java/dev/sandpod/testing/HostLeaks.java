package dev.sandpod.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What a test may have left behind on the host: mounts, links, cgroup dirs, processes. Shared by the modules' end-to-end tests. */
public final class HostLeaks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostLeaks() {
    }

    /** Mount points at or under {@code dir}, from /proc/self/mountinfo. */
    public static List<String> mountsUnder(Path dir) throws IOException {
        String prefix = dir.toAbsolutePath().toString();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mountPoint = line.split(" ")[4].replace("\\040", " ");
            if (mountPoint.equals(prefix) || mountPoint.startsWith(prefix + "/")) {
                out.add("mount " + mountPoint);
            }
        }
        return out;
    }

    /** Cgroup directories at {@code cgroupPath} in any hierarchy under /sys/fs/cgroup. */
    public static List<String> cgroupDirs(String cgroupPath) throws IOException {
        List<String> out = new ArrayList<>();
        try (var hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            for (Path h : hierarchies.toList()) {
                Path dir = h.resolve(cgroupPath.substring(1));
                if (Files.isDirectory(dir)) {
                    out.add("cgroup " + dir);
                }
            }
        }
        return out;
    }

    /** Live processes whose command line mentions {@code text} (a root path). */
    public static List<String> processesMentioning(String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.toList()) {
                if (!p.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (cmdline.contains(text)) {
                        out.add("process " + p.getFileName() + ": " + cmdline);
                    }
                } catch (IOException gone) {
                    // exited meanwhile
                }
            }
        }
        return out;
    }

    /** Every files and directory under {@code dir} (empty when it does not exist). */
    public static List<String> entriesUnder(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (var walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).map(p -> "file " + p).toList();
        }
    }

    /** Each host link's name with its master (a veth's bridge), "" when it has none. */
    public static java.util.Map<String, String> hostLinkMasters() throws IOException, InterruptedException {
        Process ip = new ProcessBuilder("ip", "-j", "link", "show").redirectErrorStream(true).start();
        byte[] out = ip.getInputStream().readAllBytes();
        if (!ip.waitFor(10, TimeUnit.SECONDS) || ip.exitValue() != 0) {
            throw new IOException("ip link show failed: " + new String(out));
        }
        java.util.Map<String, String> links = new java.util.TreeMap<>();
        for (JsonNode link : JSON.readTree(out)) {
            links.put(link.path("ifname").asText(), link.path("master").asText(""));
        }
        return links;
    }

    public static List<String> hostLinkNames() throws IOException, InterruptedException {
        Process ip = new ProcessBuilder("ip", "-j", "link", "show").redirectErrorStream(true).start();
        byte[] out = ip.getInputStream().readAllBytes();
        if (!ip.waitFor(10, TimeUnit.SECONDS) || ip.exitValue() != 0) {
            throw new IOException("ip link show failed: " + new String(out));
        }
        List<String> names = new ArrayList<>();
        for (JsonNode link : JSON.readTree(out)) {
            names.add(link.path("ifname").asText());
        }
        return names;
    }
}
