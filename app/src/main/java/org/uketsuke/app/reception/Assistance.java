package org.uketsuke.app.reception;

import java.util.Objects;
import java.util.Optional;

/**
 * Who helped the patient prove they hold the card (介助者 / 代理人): someone with them typed the PIN, or a staff member
 * confirmed the card photo for a patient who could not use the face check or the PIN (目視確認). Shown on the staff
 * console beside the visit; the staff member's id is also in the audit log's entry.
 *
 * @param staffId the staff member for {@link Kind#STAFF_VISUAL_CHECK}; empty for a companion (not identified)
 */
public record Assistance(Kind kind, Optional<String> staffId) {

    public enum Kind {
        COMPANION_ENTERED_PIN,
        STAFF_VISUAL_CHECK
    }

    public Assistance {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(staffId, "staffId");
    }

    /** The assistance a visit's proof records, if any. */
    static Optional<Assistance> of(Optional<IdentityProof> proof) {
        return proof.flatMap(p -> switch (p) {
            case IdentityProof.CardSignature c
            when c.byCompanion() -> Optional.of(new Assistance(Kind.COMPANION_ENTERED_PIN, Optional.empty()));
            case IdentityProof.VisualCheck v ->
                Optional.of(new Assistance(Kind.STAFF_VISUAL_CHECK, Optional.of(v.staffId())));
            case IdentityProof.CardSignature _, IdentityProof.FaceMatch _ -> Optional.empty();
        });
    }
}
