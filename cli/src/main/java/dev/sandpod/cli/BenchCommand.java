package dev.sandpod.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sandpod.client.ApiException;
import dev.sandpod.core.SandpodException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** Measures sandpod side by side with baseline tools in the same run; numbers for claims come from here. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmark sandpod against baseline tools in the same run (image: skopeo copy + umoci unpack).")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Fewer samples (3 instead of 7).")
    boolean quick;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Parameters(paramLabel = "WHAT", arity = "0..1", description = "What to measure: image or all (default: all).")
    String what = "all";

    @Override
    public Integer call() throws SandpodException, ApiException, IOException, InterruptedException {
        if (!List.of("image", "all").contains(what)) {
            throw new UsageException("unknown benchmark '" + what + "'; known: image, all");
        }
        PrintWriter err = Cli.err(spec);
        List<BenchResult> results = new ArrayList<>(new ImagePullBench(err, quick ? 3 : 7).run());
        print(results);
        return 0;
    }

    private void print(List<BenchResult> results) {
        PrintWriter out = Cli.out(spec);
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (BenchResult r : results) {
                ObjectNode node = array.addObject().put("metric", r.metric()).put("unit", "ms").put("samples", r.samples());
                node.put("sandpodP50", r.sandpod().p50()).put("sandpodP99", r.sandpod().p99());
                node.put("baseline", r.baselineName()).put("baselineP50", r.baseline().p50()).put("baselineP99", r.baseline().p99());
                node.put("ratio", r.ratio());
            }
            out.println(Json.pretty(array));
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"METRIC", "SANDPOD p50 / p99", "BASELINE", "BASELINE p50 / p99", "RATIO", "SAMPLES"});
        for (BenchResult r : results) {
            rows.add(new String[]{r.metric(), ms(r.sandpod().p50()) + " / " + ms(r.sandpod().p99()), r.baselineName(),
                    ms(r.baseline().p50()) + " / " + ms(r.baseline().p99()), String.format(Locale.ROOT, "%.2f", r.ratio()),
                    String.valueOf(r.samples())});
        }
        Table.print(out, rows);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, "%.0f ms", value);
    }
}
