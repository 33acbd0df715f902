package dev.sandpod.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.cli.BenchResult.Measured;
import dev.sandpod.cli.BenchResult.Skipped;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How `sandpod bench` shows its results: one table (a metric with several baselines names itself and its own
 * numbers once), or with --json one object per line of the table, every field present (null when not measured).
 */
final class BenchReport {
    static final int REASON_WIDTH = 60;
    static final String[] HEADER = {"METRIC", "SANDPOD p50 / p99", "BASELINE", "BASELINE p50 / p99", "RATIO", "SAMPLES"};

    private BenchReport() {
    }

    static void printTable(PrintWriter out, List<BenchResult> results) {
        Table.print(out, rows(results));
    }

    static List<String[]> rows(List<BenchResult> results) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        String previous = null;
        for (BenchResult r : results) {
            boolean sameMetric = r.metric().equals(previous);
            previous = r.metric();
            String metric = sameMetric ? "" : r.metric();
            String sandpod = sameMetric ? "" : ms(r.sandpod().p50()) + " / " + ms(r.sandpod().p99());
            String baseline = switch (r.baseline()) {
                case Measured(var stats) -> ms(stats.p50()) + " / " + ms(stats.p99());
                case Skipped(var reason) -> clipped(reason);
            };
            String ratio = r.ratio().isPresent() ? ratio(r.ratio().getAsDouble()) : "-";
            rows.add(new String[]{metric, sandpod, r.baselineName(), baseline, ratio, String.valueOf(r.samples())});
        }
        return rows;
    }

    static ArrayNode json(List<BenchResult> results) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (BenchResult r : results) {
            ObjectNode node = array.addObject().put("metric", r.metric()).put("unit", "ms").put("samples", r.samples());
            node.put("sandpodP50", r.sandpod().p50()).put("sandpodP99", r.sandpod().p99());
            node.put("baseline", r.baselineName());
            switch (r.baseline()) {
                case Measured(var stats) -> node.put("baselineP50", stats.p50()).put("baselineP99", stats.p99())
                        .put("ratio", r.ratio().orElseThrow()).putNull("note");
                case Skipped(var reason) -> node.putNull("baselineP50").putNull("baselineP99").putNull("ratio").put("note", reason);
            }
        }
        return array;
    }

    /** A long reason would stretch the whole table; --json has it all. */
    private static String clipped(String reason) {
        return reason.length() <= REASON_WIDTH ? reason : reason.substring(0, REASON_WIDTH - 3) + "...";
    }

    /** Milliseconds with the digits that matter at that size: 1.23 ms, 27.4 ms, 412 ms. */
    static String ms(double value) {
        String format = value >= 100 ? "%.0f ms" : value >= 10 ? "%.1f ms" : "%.2f ms";
        return String.format(Locale.ROOT, format, value);
    }

    /** Below 1 the third decimal still tells 0.012 from 0.004. */
    static String ratio(double value) {
        return String.format(Locale.ROOT, value >= 1 ? "%.2f" : "%.3f", value);
    }
}
