package dev.sandpod.cli;

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
        PrintWriter out = Cli.out(spec);
        if (json) {
            out.println(Json.pretty(BenchReport.json(results)));
            out.flush();
        } else {
            BenchReport.printTable(out, results);
        }
        return 0;
    }
}
