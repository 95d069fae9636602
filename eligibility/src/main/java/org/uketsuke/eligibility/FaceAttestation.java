package org.uketsuke.eligibility;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * What a terminal without 特定機関 credentials vouches for on the PIN-less path
 * (docs/spec-notes/card.md#how-the-national-system-uses-the-card): for this backend nonce, this auth certificate and
 * this issuer-signed card face ({@code cardFaceSha256}, {@link CardFace#sha256()}), at {@code attestedAt}, the live face
 * matched the chip photo the issuer signed ({@code decision}) with this best score in {@code framesMatched} frames,
 * after the presentation-attack checks named in {@code presentationChecks}, by this face model; and the patient's
 * answers are those of the {@link ConfirmationStatement} whose digest is {@code statementSha256}. The terminal signs
 * {@link #text()} with its own (TLS client) key. The backend does not take the terminal's word for the card: it checks
 * the card face's issuer signature and the card-face AP's own signature over the statement itself, and it applies its
 * own policy to the score, frames and checks ({@code threshold} is only what the terminal used). Our own format
 * (version 3; earlier versions carried an unverifiable presence hash and are no longer accepted).
 *
 * @param presentationChecks the presentation-attack checks the terminal ran, comma-separated names, or {@code -}
 */
public record FaceAttestation(
        byte[] nonce,
        byte[] authCertificateSha256,
        byte[] cardFaceSha256,
        byte[] statementSha256,
        double score,
        double threshold,
        int framesMatched,
        String presentationChecks,
        String modelVersion,
        String decision,
        Instant attestedAt)
        implements Attestation {

    private static final String PREFIX = "UKETSUKE-FACE-ATTESTATION-3";
    /** The decision the terminal's face check reports for a match. */
    public static final String MATCH = "MATCH";

    public FaceAttestation {
        nonce = nonce.clone();
        authCertificateSha256 = authCertificateSha256.clone();
        cardFaceSha256 = cardFaceSha256.clone();
        statementSha256 = statementSha256.clone();
        if (modelVersion == null || modelVersion.isBlank() || modelVersion.contains("|")) {
            throw new InvalidValueException("FaceAttestation", "model version");
        }
        if (decision == null || !decision.matches("[A-Z_]+")) {
            throw new InvalidValueException("FaceAttestation", "decision");
        }
        if (presentationChecks == null || !presentationChecks.matches("-|[A-Z_]+(,[A-Z_]+)*")) {
            throw new InvalidValueException("FaceAttestation", "presentation checks");
        }
        if (attestedAt == null || framesMatched < 0) {
            throw new InvalidValueException("FaceAttestation", "time or frames");
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
    public byte[] cardFaceSha256() {
        return cardFaceSha256.clone();
    }

    @Override
    public byte[] statementSha256() {
        return statementSha256.clone();
    }

    /** True when the terminal ran the named presentation-attack check. */
    public boolean ran(String check) {
        return Arrays.asList(presentationChecks.split(",")).contains(check);
    }

    /** The canonical text that is signed and sent. */
    @Override
    public String text() {
        HexFormat hex = HexFormat.of();
        return String.join(
                "|",
                PREFIX,
                Base64.getEncoder().encodeToString(nonce),
                hex.formatHex(authCertificateSha256),
                hex.formatHex(cardFaceSha256),
                hex.formatHex(statementSha256),
                String.format(Locale.ROOT, "%.4f", score),
                String.format(Locale.ROOT, "%.4f", threshold),
                Integer.toString(framesMatched),
                presentationChecks,
                modelVersion,
                decision,
                attestedAt.toString());
    }

    public static FaceAttestation parse(String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length != 12 || !parts[0].equals(PREFIX)) {
            throw new InvalidValueException("FaceAttestation", "not a version-3 face attestation");
        }
        try {
            HexFormat hex = HexFormat.of();
            return new FaceAttestation(
                    Base64.getDecoder().decode(parts[1]),
                    hex.parseHex(parts[2]),
                    hex.parseHex(parts[3]),
                    hex.parseHex(parts[4]),
                    Double.parseDouble(parts[5]),
                    Double.parseDouble(parts[6]),
                    Integer.parseInt(parts[7]),
                    parts[8],
                    parts[9],
                    parts[10],
                    Instant.parse(parts[11]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new InvalidValueException(
                    "FaceAttestation", Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    @Override
    public String toString() {
        return "FaceAttestation[" + decision + ", score " + String.format(Locale.ROOT, "%.3f", score) + ", frames "
                + framesMatched + ", model " + modelVersion + ", at " + attestedAt + "]";
    }
}
