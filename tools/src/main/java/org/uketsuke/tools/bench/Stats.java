package org.uketsuke.tools.bench;

import java.util.Arrays;
import java.util.Locale;

/** min / median / p95 / p99 of {@code runs} repeated measurements, in milliseconds. */
record Stats(int runs, double min, double median, double p95, double p99) {

    static Stats ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no measurements");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Stats(
                sorted.length,
                ms(sorted[0]),
                ms(percentile(sorted, 0.50)),
                ms(percentile(sorted, 0.95)),
                ms(percentile(sorted, 0.99)));
    }

    static Stats ofMillis(double[] millis) {
        long[] nanos = new long[millis.length];
        for (int i = 0; i < millis.length; i++) {
            nanos[i] = Math.round(millis[i] * 1e6);
        }
        return ofNanos(nanos);
    }

    /** The nearest-rank percentile (so p99 of fewer than 100 runs is the largest). */
    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** The four figures and n as one line, e.g. for a row's detail or the console. */
    String row(String unit) {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f %s (n=%d)", min, median, p95, p99, unit, runs);
    }
}
