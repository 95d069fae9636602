package org.uketsuke.mockbackend;

import java.util.List;
import java.util.Locale;
import org.uketsuke.eligibility.FaceAttestation;

/**
 * What the backend requires of a face attestation, whatever threshold the terminal used: a best score at or above
 * {@code minScore}, at least {@code minFramesMatched} matching frames, and every presentation-attack check in
 * {@code requiredChecks} run. Configured on the backend (system properties {@code uketsuke.backend.face.minScore},
 * {@code .minFrames}, {@code .checks}), reported in every refusal it causes.
 */
public record FacePolicy(double minScore, int minFramesMatched, List<String> requiredChecks) {

    /** The default required checks: a frozen (repeated) picture, and the chip photo itself shown to the camera. */
    public static final String DEFAULT_CHECKS = "FROZEN_FRAME,REPLAY_CEILING";

    public FacePolicy {
        requiredChecks = List.copyOf(requiredChecks);
    }

    /**
     * The defaults (the terminal's own face-check defaults: 0.45 in dlib's 1 − distance, ADR 0011), overridable by system
     * properties.
     */
    public static FacePolicy configured() {
        return new FacePolicy(
                Double.parseDouble(System.getProperty("uketsuke.backend.face.minScore", "0.45")),
                Integer.getInteger("uketsuke.backend.face.minFrames", 2),
                List.of(System.getProperty("uketsuke.backend.face.checks", DEFAULT_CHECKS)
                                .split(","))
                        .stream()
                        .map(String::strip)
                        .filter(c -> !c.isEmpty())
                        .toList());
    }

    /** What the attestation misses of this policy, or null when it meets it. */
    String shortfall(FaceAttestation face) {
        if (face.score() < minScore) {
            return "score below " + this;
        }
        if (face.framesMatched() < minFramesMatched) {
            return "too few matching frames for " + this;
        }
        for (String check : requiredChecks) {
            if (!face.ran(check)) {
                return "check " + check + " not run, " + this;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "policy: score ≥ %.3f, frames ≥ %d, checks %s",
                minScore,
                minFramesMatched,
                String.join(",", requiredChecks));
    }
}
