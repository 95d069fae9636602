package org.uketsuke.tools.face;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.uketsuke.face.pipeline.PresentationChecks;

/**
 * {@code face eval}'s figures for the passive presentation-attack checks: the replay check ({@code ChipReplay}'s
 * correlation of the aligned grey faces) on every enrolment's chip picture shown to the camera in each
 * {@link ChipReplays.Kind}, against the same correlation of the genuine pairs; the recogniser's score of those replays;
 * and the live-colour gate's chroma spread in the detector's box, on the colour live images and on the greyscale
 * replays. Every array is sorted.
 *
 * @param ceiling the replay check's correlation ceiling
 * @param replays per kind, the correlation of each replay with its enrolment
 * @param missedButMatched per kind, the replays below the ceiling that the recogniser matches: the attacks that pass
 * @param genuine the correlation of each genuine pair (one photo enrolled as a chip, another live)
 * @param replayScores the recogniser's score of the flat replays against their enrolment
 * @param genuineScoreMax the recogniser's highest genuine score
 * @param liveChroma chroma spread of the live faces in colour images
 * @param greyChroma chroma spread of the greyscale replays (tinted and recompressed)
 */
public record ReplayFigures(
        double ceiling,
        Map<ChipReplays.Kind, double[]> replays,
        Map<ChipReplays.Kind, Integer> missedButMatched,
        double[] genuine,
        double[] replayScores,
        double genuineScoreMax,
        double[] liveChroma,
        double[] greyChroma) {

    /** Collects the figures one image at a time. */
    static final class Collector {
        private final Map<ChipReplays.Kind, List<Double>> replays = new EnumMap<>(ChipReplays.Kind.class);
        private final List<Double> genuine = new ArrayList<>();
        private final List<Double> replayScores = new ArrayList<>();
        private final List<Double> liveChroma = new ArrayList<>();
        private final List<Double> greyChroma = new ArrayList<>();
        private final Map<ChipReplays.Kind, Integer> escaped = new EnumMap<>(ChipReplays.Kind.class);
        private final double threshold;

        /** @param threshold the recogniser's threshold: a replay the check misses but that scores below it is not matched */
        Collector(double threshold) {
            this.threshold = threshold;
        }

        void replay(ChipReplays.Kind kind, double correlation, double score, double chroma) {
            replays.computeIfAbsent(kind, k -> new ArrayList<>()).add(correlation);
            if (correlation < PresentationChecks.defaults().replayCeiling() && score >= threshold) {
                escaped.merge(kind, 1, Integer::sum);
            }
            if (kind.flat()) {
                replayScores.add(score);
            }
            if (!kind.colourised()) {
                greyChroma.add(chroma);
            }
        }

        void genuine(double correlation) {
            genuine.add(correlation);
        }

        void live(double chroma) {
            liveChroma.add(chroma);
        }

        ReplayFigures figures(double genuineScoreMax) {
            Map<ChipReplays.Kind, double[]> byKind = new EnumMap<>(ChipReplays.Kind.class);
            Map<ChipReplays.Kind, Integer> matched = new EnumMap<>(ChipReplays.Kind.class);
            for (ChipReplays.Kind kind : ChipReplays.Kind.values()) {
                byKind.put(kind, sorted(replays.getOrDefault(kind, List.of())));
                matched.put(kind, escaped.getOrDefault(kind, 0));
            }
            return new ReplayFigures(
                    PresentationChecks.defaults().replayCeiling(),
                    byKind,
                    matched,
                    sorted(genuine),
                    sorted(replayScores),
                    genuineScoreMax,
                    sorted(liveChroma),
                    sorted(greyChroma));
        }

        private static double[] sorted(List<Double> values) {
            return values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        }
    }

    /** Flat replays (every kind but the tilted one) at or above the ceiling: caught. */
    public int flatCaught() {
        return Arrays.stream(ChipReplays.Kind.values())
                .filter(ChipReplays.Kind::flat)
                .mapToInt(k -> atOrAbove(replays.get(k), ceiling))
                .sum();
    }

    public int flatReplays() {
        return Arrays.stream(ChipReplays.Kind.values())
                .filter(ChipReplays.Kind::flat)
                .mapToInt(k -> replays.get(k).length)
                .sum();
    }

    /** Flat replays the check missed that the recogniser matches: the flat attacks that would pass. */
    public int flatMissedButMatched() {
        return Arrays.stream(ChipReplays.Kind.values())
                .filter(ChipReplays.Kind::flat)
                .mapToInt(missedButMatched::get)
                .sum();
    }

    /** Genuine pairs at or above the ceiling: a live face wrongly refused as a replay. */
    public int genuineRefused() {
        return atOrAbove(genuine, ceiling);
    }

    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                Locale.ROOT,
                "replay check (aligned grey faces, ECC-refined correlation ≥ %.3f): %d of %d flat chip replays"
                        + " caught (%d missed and matched by the recogniser); %d of %d genuine pairs refused (max %.3f,"
                        + " median %.3f)",
                ceiling,
                flatCaught(),
                flatReplays(),
                flatMissedButMatched(),
                genuineRefused(),
                genuine.length,
                last(genuine),
                median(genuine)));
        for (ChipReplays.Kind kind : ChipReplays.Kind.values()) {
            double[] r = replays.get(kind);
            lines.add(String.format(
                    Locale.ROOT,
                    "  chip picture %s: %d of %d caught (%d missed and matched by the recogniser); correlation min"
                            + " %.3f, median %.3f; %d above every genuine pair",
                    kind.description(),
                    atOrAbove(r, ceiling),
                    r.length,
                    missedButMatched.get(kind),
                    first(r),
                    median(r),
                    Arrays.stream(r).filter(c -> c > last(genuine)).count()));
        }
        lines.add(String.format(
                Locale.ROOT,
                "recogniser score of the flat chip replays: median %.3f, min %.3f (%d); genuine pairs reach %.3f",
                median(replayScores),
                first(replayScores),
                replayScores.length,
                genuineScoreMax));
        lines.add(String.format(
                Locale.ROOT,
                "live colour (chroma spread in the detector's box, gate %.4f): %d live faces in colour images"
                        + " min %.4f, median %.4f, %d below the gate; %d greyscale replays max %.4f, %d at or above"
                        + " the gate",
                PresentationChecks.MIN_CHROMA_SPREAD,
                liveChroma.length,
                first(liveChroma),
                median(liveChroma),
                liveChroma.length - atOrAbove(liveChroma, PresentationChecks.MIN_CHROMA_SPREAD),
                greyChroma.length,
                last(greyChroma),
                atOrAbove(greyChroma, PresentationChecks.MIN_CHROMA_SPREAD)));
        return lines;
    }

    private static int atOrAbove(double[] values, double limit) {
        return (int) Arrays.stream(values).filter(v -> v >= limit).count();
    }

    static double median(double[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length / 2];
    }

    static double first(double[] sorted) {
        return sorted.length == 0 ? -1 : sorted[0];
    }

    static double last(double[] sorted) {
        return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
    }
}
