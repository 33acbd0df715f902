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
        description = {"Benchmark sandpod against baseline tools in the same run, and print one table (progress goes to stderr).",
                "image: pull+unpack vs skopeo copy + umoci unpack.",
                "exec: exec /bin/true through the API and the CLI vs runc exec, podman exec (if installed) and nsenter."})
final class BenchCommand implements Callable<Integer> {
    private static final List<String> KNOWN = List.of("image", "exec", "all");

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "Fewer samples: image 3 instead of 7, exec " + ExecBench.QUICK_SAMPLES
            + " instead of " + ExecBench.FULL_SAMPLES + ".")
    boolean quick;

    @Option(names = "--samples", paramLabel = "N", description = "Samples of each measurement, after the warm-up (overrides the defaults).")
    Integer samples;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Parameters(paramLabel = "WHAT", arity = "0..1", description = "What to measure: image, exec or all (default: all).")
    String what = "all";

    @Override
    public Integer call() throws SandpodException, ApiException, IOException, InterruptedException {
        if (!KNOWN.contains(what)) {
            throw new UsageException("unknown benchmark '" + what + "'; known: " + String.join(", ", KNOWN));
        }
        if (samples != null && samples < 1) {
            throw new UsageException("--samples must be at least 1, not " + samples);
        }
        PrintWriter err = Cli.err(spec);
        List<BenchResult> results = new ArrayList<>();
        if (what.equals("image") || what.equals("all")) {
            results.addAll(new ImagePullBench(err, samples(3, 7)).run());
        }
        if (what.equals("exec") || what.equals("all")) {
            results.addAll(new ExecBench(err, samples(ExecBench.QUICK_SAMPLES, ExecBench.FULL_SAMPLES), quick ? ExecBench.QUICK_WARMUPS : ExecBench.FULL_WARMUPS).run());
        }
        PrintWriter out = Cli.out(spec);
        if (json) {
            out.println(Json.pretty(BenchReport.json(results)));
            out.flush();
        } else {
            BenchReport.printTable(out, results);
        }
        return 0;
    }

    private int samples(int quickDefault, int fullDefault) {
        return samples != null ? samples : quick ? quickDefault : fullDefault;
    }
}
