package dev.sandpod.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One benchmark line: sandpod and its baseline, measured in the same run. ratio = sandpod p50 / baseline p50. */
record BenchResult(String metric, Stats sandpod, String baselineName, Stats baseline, int samples) {
    double ratio() {
        return sandpod.p50() / baseline.p50();
    }

    /** Percentiles of samples in milliseconds (nearest-rank). */
    record Stats(double p50, double p99) {
        static Stats of(List<Double> samples) {
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
