package org.uketsuke.tools.bench;

import java.util.Arrays;
import java.util.Locale;

/** min / median / p95 of repeated measurements, in milliseconds. */
record Stats(int runs, double min, double median, double p95) {

    static Stats ofNanos(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Stats(sorted.length, ms(sorted[0]), ms(percentile(sorted, 0.50)), ms(percentile(sorted, 0.95)));
    }

    /** The 99th percentile in milliseconds (for rows whose goal is stated as p99). */
    static double p99Millis(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return ms(percentile(sorted, 0.99));
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    String row(String unit) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f %s (n=%d)", min, median, p95, unit, runs);
    }
}
