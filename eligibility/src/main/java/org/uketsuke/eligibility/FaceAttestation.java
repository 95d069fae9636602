package org.uketsuke.eligibility;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What a terminal without 特定機関 credentials vouches for on the PIN-less path (shared/facts/card.md, "How the
 * national system uses the card"): for this backend nonce and this auth certificate, the genuine chip was present
 * (card-face AP challenge) and the live face matched the chip photo with this score against this threshold. The
 * terminal signs {@link #text()} with its own (TLS client) key; the backend checks it against the terminal's
 * certificate. Our own format — the official attestation of certified readers is not public.
 */
public record FaceAttestation(byte[] nonce, byte[] authCertificateSha256, double score, double threshold, boolean presenceProven)
        implements Attestation {

    private static final String PREFIX = "UKETSUKE-FACE-ATTESTATION-1";

    public FaceAttestation {
        nonce = nonce.clone();
        authCertificateSha256 = authCertificateSha256.clone();
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    @Override
    public byte[] authCertificateSha256() {
        return authCertificateSha256.clone();
    }

    /** The canonical text that is signed and sent. */
    @Override
    public String text() {
        return String.join("|", PREFIX, Base64.getEncoder().encodeToString(nonce),
                HexFormat.of().formatHex(authCertificateSha256), String.format(Locale.ROOT, "%.4f", score),
                String.format(Locale.ROOT, "%.4f", threshold), Boolean.toString(presenceProven));
    }

    public static FaceAttestation parse(String text) {
        String[] parts = text.split("\\|");
        if (parts.length != 6 || !parts[0].equals(PREFIX)) {
            throw new InvalidValueException("FaceAttestation", "not an attestation");
        }
        try {
            return new FaceAttestation(Base64.getDecoder().decode(parts[1]), HexFormat.of().parseHex(parts[2]),
                    Double.parseDouble(parts[3]), Double.parseDouble(parts[4]), Boolean.parseBoolean(parts[5]));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("FaceAttestation", e.getMessage());
        }
    }
}
