package org.uketsuke.eligibility;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * What a terminal without 特定機関 credentials vouches for on the PIN-less path
 * (docs/spec-notes/card.md#how-the-national-system-uses-the-card): for this backend nonce and this auth certificate, at
 * {@code attestedAt}, the genuine chip was present — the card-face AP's own key signed a fresh card challenge,
 * {@code presenceProofSha256} is SHA-256 over that challenge and signature — and the live face matched the chip photo
 * ({@code decision}) with this score against this threshold, by this face model. The terminal signs {@link #text()}
 * with its own (TLS client) key; the backend checks it against the terminal's certificate, the nonce, the time and the
 * proof. Our own format (version 2; version 1 lacked model, decision, time and proof and is no longer accepted) — the
 * official attestation of certified readers is not public.
 */
public record FaceAttestation(
        byte[] nonce,
        byte[] authCertificateSha256,
        double score,
        double threshold,
        boolean presenceProven,
        String modelVersion,
        String decision,
        Instant attestedAt,
        byte[] presenceProofSha256)
        implements Attestation {

    private static final String PREFIX = "UKETSUKE-FACE-ATTESTATION-2";
    /** The decision the terminal's face check reports for a match. */
    public static final String MATCH = "MATCH";

    public FaceAttestation {
        nonce = nonce.clone();
        authCertificateSha256 = authCertificateSha256.clone();
        presenceProofSha256 = presenceProofSha256.clone();
        if (modelVersion == null || modelVersion.isBlank() || modelVersion.contains("|")) {
            throw new InvalidValueException("FaceAttestation", "model version");
        }
        if (decision == null || !decision.matches("[A-Z_]+")) {
            throw new InvalidValueException("FaceAttestation", "decision");
        }
        if (attestedAt == null) {
            throw new InvalidValueException("FaceAttestation", "time");
        }
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] authCertificateSha256() {
        return authCertificateSha256.clone();
    }

    @Override
    public byte[] presenceProofSha256() {
        return presenceProofSha256.clone();
    }

    /** The canonical text that is signed and sent. */
    @Override
    public String text() {
        return String.join(
                "|",
                PREFIX,
                Base64.getEncoder().encodeToString(nonce),
                HexFormat.of().formatHex(authCertificateSha256),
                String.format(Locale.ROOT, "%.4f", score),
                String.format(Locale.ROOT, "%.4f", threshold),
                Boolean.toString(presenceProven),
                modelVersion,
                decision,
                attestedAt.toString(),
                HexFormat.of().formatHex(presenceProofSha256));
    }

    public static FaceAttestation parse(String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length != 10 || !parts[0].equals(PREFIX)) {
            throw new InvalidValueException("FaceAttestation", "not a version-2 face attestation");
        }
        try {
            return new FaceAttestation(
                    Base64.getDecoder().decode(parts[1]),
                    HexFormat.of().parseHex(parts[2]),
                    Double.parseDouble(parts[3]),
                    Double.parseDouble(parts[4]),
                    Boolean.parseBoolean(parts[5]),
                    parts[6],
                    parts[7],
                    Instant.parse(parts[8]),
                    HexFormat.of().parseHex(parts[9]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidValueException(
                    "FaceAttestation", Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    @Override
    public String toString() {
        return "FaceAttestation[" + decision + ", score " + String.format(Locale.ROOT, "%.3f", score) + ", model "
                + modelVersion + ", at " + attestedAt + "]";
    }
}
