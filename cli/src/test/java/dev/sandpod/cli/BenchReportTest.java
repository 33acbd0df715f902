package dev.sandpod.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sandpod.cli.BenchResult.Stats;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The bench's table and JSON, from made-up results: no host needed. */
class BenchReportTest {
    private static final Stats SANDPOD = new Stats(2.5, 4.0);
    private static final List<BenchResult> RESULTS = List.of(
            new BenchResult("exec (API)", SANDPOD, "runc exec", new Stats(25, 30), 9),
            BenchResult.skipped("exec (API)", SANDPOD, "podman exec", "not installed", 9),
            new BenchResult("exec (CLI)", new Stats(412.4, 500), "runc exec", new Stats(25, 30), 9));

    @Test
    void aMetricWithSeveralBaselinesNamesItselfOnceAndASkippedBaselineSaysWhy() {
        StringWriter text = new StringWriter();
        BenchReport.printTable(new PrintWriter(text), RESULTS);
        List<String> lines = text.toString().lines().toList();
        assertEquals(4, lines.size(), text.toString());
        assertTrue(lines.get(0).startsWith("METRIC") && lines.get(0).endsWith("SAMPLES"), lines.get(0));
        assertTrue(lines.get(1).matches("exec \\(API\\)\\s+2\\.50 ms / 4\\.00 ms\\s+runc exec\\s+25\\.0 ms / 30\\.0 ms\\s+0\\.100\\s+9"), lines.get(1));
        assertTrue(lines.get(2).matches("\\s+podman exec\\s+not installed\\s+-\\s+9"), lines.get(2));
        assertTrue(lines.get(3).matches("exec \\(CLI\\)\\s+412 ms / 500 ms\\s+runc exec\\s+25\\.0 ms / 30\\.0 ms\\s+16\\.50\\s+9"), lines.get(3));
    }

    @Test
    void jsonHasOneObjectPerLineWithEveryFieldAndNullsWhereNothingWasMeasured() {
        JsonNode json = BenchReport.json(RESULTS);
        assertEquals(3, json.size());
        for (JsonNode row : json) {
            for (String field : List.of("metric", "unit", "samples", "sandpodP50", "sandpodP99", "baseline", "baselineP50",
                    "baselineP99", "ratio", "note")) {
                assertTrue(row.has(field), field + " in " + row);
            }
        }
        assertEquals(0.1, json.get(0).get("ratio").asDouble(), 1e-9);
        assertTrue(json.get(0).get("note").isNull());
        assertTrue(json.get(1).get("baselineP50").isNull() && json.get(1).get("ratio").isNull());
        assertEquals("not installed", json.get(1).get("note").asText());
    }

    @Test
    void aLongReasonIsClippedInTheTableOnly() {
        String reason = "skipped: " + "x".repeat(200);
        List<BenchResult> results = List.of(BenchResult.skipped("m", SANDPOD, "podman exec", reason, 1));
        assertEquals(BenchReport.REASON_WIDTH, BenchReport.rows(results).get(1)[3].length());
        assertEquals(reason, BenchReport.json(results).get(0).get("note").asText());
    }

    @Test
    void unknownBenchmarksAndNoSamplesAreUsageErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root) {
        CliRun unknown = CliRun.run(root, "bench", "nope");
        assertEquals(2, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.err().contains("known: image, exec, all"), unknown.toString());
        assertEquals(2, CliRun.run(root, "bench", "--samples", "0", "exec").exitCode());
    }
}
