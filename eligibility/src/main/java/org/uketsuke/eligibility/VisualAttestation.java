package org.uketsuke.eligibility;

import java.util.Base64;
import java.util.HexFormat;

/**
 * 目視確認: a named staff member compared the card's face photo with the patient at the counter, for this nonce and
 * this card. Our own format (the official passcode flow, OQS-IF-049/050, is not mirrored yet).
 *
 * @param staffId who checked (an id from the clinic's staff list, never a name in logs)
 */
public record VisualAttestation(byte[] nonce, byte[] authCertificateSha256, String staffId) implements Attestation {

    static final String PREFIX = "UKETSUKE-VISUAL-ATTESTATION-1";

    public VisualAttestation {
        nonce = nonce.clone();
        authCertificateSha256 = authCertificateSha256.clone();
        if (staffId == null || !staffId.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new InvalidValueException("StaffId", "1–32 letters, digits, '-' or '_'");
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
    public String text() {
        return String.join("|", PREFIX, Base64.getEncoder().encodeToString(nonce),
                HexFormat.of().formatHex(authCertificateSha256), staffId);
    }

    static VisualAttestation parse(String text) {
        String[] parts = text.split("\\|");
        if (parts.length != 4 || !parts[0].equals(PREFIX)) {
            throw new InvalidValueException("VisualAttestation", "not an attestation");
        }
        try {
            return new VisualAttestation(Base64.getDecoder().decode(parts[1]), HexFormat.of().parseHex(parts[2]), parts[3]);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("VisualAttestation", e.getMessage());
        }
    }
}
