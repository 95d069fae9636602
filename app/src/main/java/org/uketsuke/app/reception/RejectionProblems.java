package org.uketsuke.app.reception;

import org.uketsuke.app.flow.Problem;
import org.uketsuke.eligibility.RejectionReason;

/** What the patient or receptionist is told when the system refuses a confirmation or registration. */
public final class RejectionProblems {

    private RejectionProblems() {}

    public static Problem of(RejectionReason reason) {
        return switch (reason) {
            case NO_QUALIFICATION -> Problem.NO_QUALIFICATION;
            case QUALIFICATION_LOST -> Problem.QUALIFICATION_LOST;
            case CERTIFICATE_EXPIRED -> Problem.CERTIFICATE_EXPIRED;
            case CERTIFICATE_REVOKED -> Problem.CERTIFICATE_REVOKED;
            case CERTIFICATE_INVALID, SIGNATURE_INVALID -> Problem.CERTIFICATE_INVALID;
            case NOT_REGISTERED -> Problem.NOT_REGISTERED;
            case CARD_FACE_INVALID -> Problem.CARD_NOT_GENUINE;
            case CARD_FACE_MISMATCH -> Problem.CARD_FACE_MISMATCH;
            case CONSENTS_ALTERED -> Problem.CONSENTS_ALTERED;
            case BELOW_POLICY -> Problem.FACE_NOT_MATCHED;
            case NONCE_INVALID,
                    REQUEST_INVALID,
                    PASSCODE_INVALID,
                    PASSCODE_EXPIRED,
                    PASSCODE_USED,
                    ATTESTATION_INVALID -> Problem.BACKEND_REJECTED;
        };
    }
}
