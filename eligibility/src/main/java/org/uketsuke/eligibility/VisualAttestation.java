package org.uketsuke.eligibility;

import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * 目視確認: a named staff member compared the card's face photo with the patient at the counter, for this nonce and
 * this card, under a passcode the qualification system issued to that staff member for the check (OQS-IF-049/050,
 * see {@link VisualPasscode}). Our own text format in the same frame as {@link FaceAttestation}.
 *
 * @param staffId who checked (an id from the clinic's staff list, never a name in logs)
 * @param passcode the passcode issued to {@code staffId}; single use, short-lived
 */
public record VisualAttestation(
        byte[] nonce, byte[] authCertificateSha256, byte[] statementSha256, String staffId, String passcode)
        implements Attestation {

    static final String PREFIX = "UKETSUKE-VISUAL-ATTESTATION-3";

    public VisualAttestation {
        nonce = nonce.clone();
        authCertificateSha256 = authCertificateSha256.clone();
        statementSha256 = statementSha256.clone();
        checkStaffId(staffId);
        if (passcode == null || !passcode.matches("[0-9A-Za-z]{1,16}")) {
            throw new InvalidValueException("Passcode", "1–16 half-width letters or digits");
        }
    }

    /** The attestation for a passcode the backend issued. */
    public VisualAttestation(
            byte[] nonce, byte[] authCertificateSha256, byte[] statementSha256, VisualPasscode passcode) {
        this(nonce, authCertificateSha256, statementSha256, passcode.staffId(), passcode.passcode());
    }

    /** Refuses a staff id the messages cannot carry (1–32 letters, digits, {@code -} or {@code _}). */
    public static void checkStaffId(String staffId) {
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
    public byte[] statementSha256() {
        return statementSha256.clone();
    }

    @Override
    public String text() {
        return String.join(
                "|",
                PREFIX,
                Base64.getEncoder().encodeToString(nonce),
                HexFormat.of().formatHex(authCertificateSha256),
                HexFormat.of().formatHex(statementSha256),
                staffId,
                passcode);
    }

    @Override
    public String toString() {
        return "VisualAttestation[staff=" + staffId + "]";
    }

    static VisualAttestation parse(String text) {
        String[] parts = text.split("\\|");
        if (parts.length != 6 || !parts[0].equals(PREFIX)) {
            throw new InvalidValueException("VisualAttestation", "not a visual attestation with a passcode");
        }
        try {
            return new VisualAttestation(
                    Base64.getDecoder().decode(parts[1]),
                    HexFormat.of().parseHex(parts[2]),
                    HexFormat.of().parseHex(parts[3]),
                    parts[4],
                    parts[5]);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(
                    "VisualAttestation", Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }
}
