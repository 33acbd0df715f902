package dev.sandpod.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the tests look at on the real host: mounts, links, and commands run inside a pinned namespace. */
final class HostProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ProcessRunner RUNNER = new ProcessRunner(Duration.ofSeconds(10));

    private HostProbe() {
    }

    static void assumeRootE2e() {
        assumeTrue(!"false".equals(System.getProperty("sandpod.e2e")), "end-to-end tests disabled with -Dsandpod.e2e=false");
        assumeTrue("root".equals(System.getProperty("user.name")), "pod networking tests run as root");
    }

    /** Mount points at or below {@code dir}, from /proc/self/mountinfo. */
    static List<String> mountsUnder(Path dir) throws IOException {
        List<String> found = new ArrayList<>();
        String prefix = dir.toAbsolutePath().normalize().toString();
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String mountPoint = line.split(" ")[4];
            if (mountPoint.equals(prefix) || mountPoint.startsWith(prefix + "/")) {
                found.add(mountPoint);
            }
        }
        return found;
    }

    static ProcessRunner.Result run(String... argv) throws IOException {
        return RUNNER.run(List.of(argv), Map.of(), new byte[0]);
    }

    /** {@code ip -j addr} inside the namespace pinned at {@code pin}. */
    static JsonNode addrsIn(Path pin) throws IOException {
        ProcessRunner.Result result = run("nsenter", "--net=" + pin, "ip", "-j", "addr", "show");
        if (!result.ok()) {
            throw new IOException("nsenter into " + pin + " failed: " + result.stderr());
        }
        return JSON.readTree(result.stdout());
    }

    static JsonNode link(JsonNode addrs, String name) {
        for (JsonNode link : addrs) {
            if (link.path("ifname").asText().equals(name)) {
                return link;
            }
        }
        return null;
    }

    /** Each host link's name with its master (a veth's bridge), "" when it has none. */
    static java.util.Map<String, String> hostLinkMasters() throws IOException {
        java.util.Map<String, String> links = new java.util.TreeMap<>();
        for (JsonNode link : JSON.readTree(run("ip", "-j", "link", "show").stdout())) {
            links.put(link.path("ifname").asText(), link.path("master").asText(""));
        }
        return links;
    }

    static List<String> hostLinkNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (JsonNode link : JSON.readTree(run("ip", "-j", "link", "show").stdout())) {
            names.add(link.path("ifname").asText());
        }
        return names;
    }
}
