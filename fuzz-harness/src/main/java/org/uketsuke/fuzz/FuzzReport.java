package org.uketsuke.fuzz;

import java.time.Duration;
import java.util.Locale;

/**
 * What one fuzzing run did: corpus inputs replayed, mutated inputs tried, time, seed and distinct behaviours seen.
 * A report exists only for a run without findings.
 */
public record FuzzReport(
        String target, long corpusInputs, long mutatedInputs, Duration elapsed, long seed, int behaviours) {

    public long totalInputs() {
        return corpusInputs + mutatedInputs;
    }

    public double inputsPerSecond() {
        double seconds = Math.max(elapsed.toNanos(), 1) / 1e9;
        return totalInputs() / seconds;
    }

    public String line() {
        return String.format(
                Locale.ROOT,
                "fuzz %s: %d inputs (%d corpus + %d mutated) in %.1f s, %.0f inputs/s, %d behaviours, 0 findings, seed %d",
                target,
                totalInputs(),
                corpusInputs,
                mutatedInputs,
                elapsed.toMillis() / 1000.0,
                inputsPerSecond(),
                behaviours,
                seed);
    }
}
