package org.uketsuke.app.flow;

import java.util.Optional;
import org.uketsuke.eligibility.CollationNumberB;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.PrescriptionForm;

/** Work the flow asks for off the UI thread; the answer, if any, comes back as a {@link VisitEvent}. */
public sealed interface VisitCommand {

    /** Card and backend work, run one at a time on the device worker. */
    sealed interface Step extends VisitCommand {}

    /** The card-front camera, which runs on its own thread so the device worker stays free for a card removal. */
    sealed interface Camera extends VisitCommand {}

    /** Identify the card and read its auth certificate. */
    record ReadCard() implements Step {}

    /** Open the chip photo with 照合番号B, prove the card genuine, match the live face. */
    record MatchFace(CollationNumberB collationNumberB) implements Step {}

    /** Remember which staff member vouched for the patient (目視確認), for the attestation. */
    record RecordVisualCheck(String staffId) implements Step {}

    /** Verify the auth PIN on the card; {@code byCompanion}: someone with the patient typed it for them. */
    record VerifyPin(Pin pin, boolean byCompanion) implements Step {
        public VerifyPin(Pin pin) {
            this(pin, false);
        }

        /** A PIN that is no secret (the demo card's, the bench's virtual cards, tests). */
        public VerifyPin(String pin) {
            this(Pin.of(pin));
        }

        @Override
        public String toString() {
            return "VerifyPin[****]";
        }
    }

    /**
     * Sign the backend nonce, query the qualification with the consents and hand it to the store.
     *
     * @param prescription the form the patient chose; empty where the clinic does not issue e-prescriptions
     */
    record Confirm(Consents consents, Optional<PrescriptionForm> prescription) implements Step {
        public Confirm(Consents consents) {
            this(consents, Optional.empty());
        }
    }

    /** Forget everything about the current patient (card session, PIN state, shown data). */
    record EndVisit() implements Step {}

    /** 保険証利用登録 with the card (PIN verified in this session), then the confirmation again. */
    record RegisterCard() implements Step {}

    /** Start reading 照合番号B off the card front; it answers {@code CardFrontCaptured} or {@code CardFrontUnreadable}. */
    record StartCardFrontCapture() implements Camera {}

    /** Stop the card-front capture (the patient left the capture screen); a late answer is ignored. */
    record StopCardFrontCapture() implements Camera {}
}
