package org.uketsuke.eligibility;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * What the patient's identity proof signs (docs/backend-api.md#the-signed-confirmation-statement): the backend's nonce,
 * the medical institution, the consent answers (the PMH one when asked), the consent scenario and the prescription form. On the PIN path
 * the card's auth key signs it; on the face path the card-face AP's own key signs it and the terminal's attestation
 * carries its digest; on the visual path the attestation carries its digest. A consent changed after signing no
 * longer matches.
 *
 * @param prescriptionForm null when the clinic did not ask
 */
public record ConfirmationStatement(
        byte[] nonce,
        String institution,
        Consents consents,
        ConsentScenario scenario,
        @Nullable PrescriptionForm prescriptionForm) {

    static final String PREFIX = "UKETSUKE-CONFIRM-1";

    public ConfirmationStatement {
        nonce = Objects.requireNonNull(nonce, "nonce").clone();
        Objects.requireNonNull(institution, "institution");
        Objects.requireNonNull(consents, "consents");
        Objects.requireNonNull(scenario, "scenario");
    }

    /** The statement a card request claims: its own nonce, consents, scenario and form. */
    public static ConfirmationStatement of(CardConfirmationRequest request, String institution) {
        return new ConfirmationStatement(
                request.nonce(), institution, request.consents(), request.scenario(), request.prescriptionForm());
    }

    @Override
    public byte[] nonce() {
        return nonce.clone();
    }

    /**
     * The exact bytes: UTF-8 of {@code UKETSUKE-CONFIRM-1|<nonce, base64>|<institution>|<drug><checkup><treatment>
     * <operation><limit><specific disease><6情報>|<scenario>|<form or ->}, each consent and the scenario by its wire
     * code; where the PMH question was asked, {@code |S<answer>} follows (so a statement without it keeps its bytes, and
     * an answer added, dropped or changed on the way no longer matches).
     */
    public byte[] bytes() {
        StringBuilder answers = new StringBuilder();
        for (Consent c : new Consent[] {
            consents.drug(),
            consents.checkup(),
            consents.treatment(),
            consents.operation(),
            consents.limitInfo(),
            consents.specificDisease(),
            consents.clinical()
        }) {
            answers.append(c.code());
        }
        String statement = String.join(
                "|",
                PREFIX,
                Base64.getEncoder().encodeToString(nonce),
                institution,
                answers,
                scenario.code(),
                prescriptionForm == null ? "-" : prescriptionForm.code());
        if (consents.subsidyAsked()) {
            statement += "|S" + consents.subsidy().code();
        }
        return statement.getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 of {@link #bytes()}: what a card signs (as a DigestInfo) and an attestation carries. */
    public byte[] sha256() {
        return Digest.sha256(bytes());
    }

    @Override
    public String toString() {
        return "ConfirmationStatement[****]";
    }

    /** SHA-256 with the JDK's always-present provider. */
    static final class Digest {
        private Digest() {}

        static byte[] sha256(byte[] data) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(data);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
