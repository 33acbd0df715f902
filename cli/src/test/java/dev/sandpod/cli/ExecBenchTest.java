package dev.sandpod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sandpod.runtime.CgroupPaths;
import dev.sandpod.state.RootLayout;
import dev.sandpod.testing.HostLeaks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `sandpod bench exec` end to end with very few samples: the table and the JSON have every line, and the bench
 * leaves nothing behind. Timings are never checked here.
 */
class ExecBenchTest {
    private static final List<String> METRICS = List.of(ExecBench.API, ExecBench.CLI);
    private static final List<String> BASELINES = List.of(ExecBench.RUNC, ExecBench.PODMAN, ExecBench.NSENTER);
    private static final Pattern WORK = Pattern.compile("working in (\\S+) ");
    private static final Pattern PODMAN_CGROUP = Pattern.compile("cgroups under (/sandpod-bench-podman-[0-9a-f]+)");

    @TempDir
    Path root;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void theTableHasEachWayBesideEachBaseline() throws Exception {
        SandboxCommandsTest.assumeHost();
        CliRun run = CliRun.run(root, "bench", "--quick", "--samples", "2", "exec");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(1 + METRICS.size() * BASELINES.size(), lines.size(), run.out());
        assertTrue(lines.getFirst().startsWith("METRIC"), run.out());
        int line = 1;
        for (String metric : METRICS) {
            for (String baseline : BASELINES) {
                String row = lines.get(line);
                assertTrue(baseline.equals(BASELINES.getFirst()) ? row.startsWith(metric + " ") : row.startsWith(" "), row);
                assertTrue(row.contains(" " + baseline + " "), row);
                boolean measured = row.matches(".*" + Pattern.quote(baseline) + "\\s+[0-9.]+ ms / [0-9.]+ ms\\s+[0-9.]+\\s+2");
                boolean skipped = row.matches(".*" + Pattern.quote(baseline) + "\\s+(not installed.*|skipped: .*)\\s+-\\s+2");
                assertTrue(measured || skipped, row);
                assertTrue(measured || baseline.equals(ExecBench.PODMAN), "runc and nsenter are always measured: " + row);
                line++;
            }
        }
        assertNothingLeft(run);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void jsonHasOneObjectPerMetricAndBaseline() throws Exception {
        SandboxCommandsTest.assumeHost();
        CliRun run = CliRun.run(root, "bench", "--quick", "--samples", "2", "--json", "exec");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(METRICS.size() * BASELINES.size(), json.size(), run.out());
        int i = 0;
        for (String metric : METRICS) {
            for (String baseline : BASELINES) {
                JsonNode row = json.get(i++);
                assertEquals(metric, row.get("metric").asText());
                assertEquals(baseline, row.get("baseline").asText());
                assertEquals("ms", row.get("unit").asText());
                assertEquals(2, row.get("samples").asInt());
                assertTrue(row.get("sandpodP50").isNumber() && row.get("sandpodP99").isNumber(), row.toString());
                assertTrue(row.get("sandpodP50").asDouble() <= row.get("sandpodP99").asDouble(), row.toString());
                if (row.get("ratio").isNull()) {
                    assertEquals(ExecBench.PODMAN, baseline, row.toString());
                    assertFalse(row.get("note").asText().isEmpty(), row.toString());
                } else {
                    assertTrue(row.get("baselineP50").isNumber() && row.get("note").isNull(), row.toString());
                }
            }
        }
        assertNothingLeft(run);
    }

    @Test
    void theCliIsTimedWithTheLaunchersJvmOptions() throws Exception {
        Path launcher = Path.of("..", "sandpod").toAbsolutePath().normalize();
        String exec = Files.readAllLines(launcher).stream().filter(l -> l.startsWith("exec \"$JAVA\"")).findFirst()
                .orElseThrow(() -> new AssertionError("no exec \"$JAVA\" line in " + launcher));
        // the line holds the JVM's options; the class path follows on the next
        List<String> options = Arrays.stream(exec.split("\\s+")).filter(t -> t.startsWith("-")).toList();
        assertEquals(ExecBench.LAUNCHER_JVM_OPTIONS, options, exec);
        List<String> cli = ExecBench.cliExec(RootLayout.of(root));
        assertEquals(ExecBench.LAUNCHER_JVM_OPTIONS, cli.subList(1, 1 + ExecBench.LAUNCHER_JVM_OPTIONS.size()));
        assertEquals(List.of("--root=" + root, "exec", "bench-exec", "--", "/bin/true"), cli.subList(cli.size() - 5, cli.size()));
    }

    /** The bench's directory, root, daemon, container processes and cgroups (its own and podman's) are gone. */
    private static void assertNothingLeft(CliRun run) throws Exception {
        Matcher work = WORK.matcher(run.err());
        assertTrue(work.find(), run.err());
        Path dir = Path.of(work.group(1));
        List<String> leaks = new ArrayList<>();
        if (Files.exists(dir)) {
            leaks.add("directory " + dir);
        }
        leaks.addAll(HostLeaks.mountsUnder(dir));
        leaks.addAll(HostLeaks.processesMentioning(dir.toString()));
        leaks.addAll(HostLeaks.cgroupDirs(CgroupPaths.forRoot(RootLayout.of(dir.resolve("root")))));
        Matcher podman = PODMAN_CGROUP.matcher(run.err());
        if (podman.find()) {
            leaks.addAll(HostLeaks.cgroupDirs(podman.group(1)));
            if (Files.exists(Path.of("/sys/fs/cgroup", podman.group(1)))) {
                leaks.add("cgroup " + podman.group(1));
            }
        }
        assertEquals(List.of(), leaks, run.err());
    }
}
