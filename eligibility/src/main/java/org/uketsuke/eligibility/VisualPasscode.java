package org.uketsuke.eligibility;

import java.time.Instant;
import java.util.Objects;

/**
 * A passcode for a visual check (目視確認; OQS-IF-049 request, OQS-IF-050 answer): issued by the qualification system
 * to one staff member of one medical institution, valid for a few minutes and for one visual confirmation only. The
 * {@link VisualAttestation} of that confirmation carries it.
 *
 * @param staffId the staff member it was issued to
 * @param expiresAt after this instant the backend refuses it
 */
public record VisualPasscode(String passcode, String staffId, Instant expiresAt) {

    public VisualPasscode {
        if (passcode == null || !passcode.matches("[0-9A-Za-z]{4,16}")) {
            throw new InvalidValueException("Passcode", "4–16 half-width letters or digits");
        }
        VisualAttestation.checkStaffId(staffId);
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        // A passcode is a credential for a few minutes: not for logs.
        return "VisualPasscode[staff=" + staffId + ", expires=" + expiresAt + "]";
    }
}
