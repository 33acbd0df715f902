package dev.sandpod.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One benchmark line: sandpod and one baseline, measured in the same run. ratio = sandpod p50 / baseline p50; a
 * baseline that could not be measured (not installed, failed to set up) has no ratio and says why.
 */
record BenchResult(String metric, Stats sandpod, String baselineName, Baseline baseline, int samples) {
    BenchResult(String metric, Stats sandpod, String baselineName, Stats baseline, int samples) {
        this(metric, sandpod, baselineName, new Measured(baseline), samples);
    }

    static BenchResult skipped(String metric, Stats sandpod, String baselineName, String reason, int samples) {
        return new BenchResult(metric, sandpod, baselineName, new Skipped(reason), samples);
    }

    OptionalDouble ratio() {
        return baseline instanceof Measured(Stats stats) ? OptionalDouble.of(sandpod.p50() / stats.p50()) : OptionalDouble.empty();
    }

    /** The baseline's side of the line. */
    sealed interface Baseline permits Measured, Skipped {
    }

    record Measured(Stats stats) implements Baseline {
    }

    /** Not measured in this run, and why ("not installed"). */
    record Skipped(String reason) implements Baseline {
    }

    /** Percentiles of samples in milliseconds (nearest-rank). */
    record Stats(double p50, double p99) {
        static Stats of(List<Double> samples) {
            if (samples.isEmpty()) {
                throw new IllegalArgumentException("no samples");
            }
            List<Double> sorted = new ArrayList<>(samples);
            Collections.sort(sorted);
            return new Stats(rank(sorted, 0.50), rank(sorted, 0.99));
        }

        private static double rank(List<Double> sorted, double p) {
            int index = (int) Math.ceil(p * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
        }
    }
}
