package org.uketsuke.app.flow;

/** Work the flow asks the reception worker to do off the UI thread; the answer comes back as a {@link VisitEvent}. */
public sealed interface VisitCommand {

    /** Identify the card and read its auth certificate. */
    record ReadCard() implements VisitCommand {}

    /** Open the chip photo with 照合番号B, prove the card genuine, match the live face. */
    record MatchFace(String collationNumberB) implements VisitCommand {
        @Override
        public String toString() {
            return "MatchFace[****]";
        }
    }

    /** Remember which staff member vouched for the patient (目視確認), for the attestation. */
    record RecordVisualCheck(String staffId) implements VisitCommand {}

    /** Verify the auth PIN on the card. */
    record VerifyPin(Pin pin) implements VisitCommand {
        /** A PIN that is no secret (the demo card's, the bench's virtual cards, tests). */
        public VerifyPin(String pin) {
            this(Pin.of(pin));
        }

        @Override
        public String toString() {
            return "VerifyPin[****]";
        }
    }

    /** Sign the backend nonce, query the qualification with the consents and hand it to the store. */
    record Confirm(ConsentAnswers consents) implements VisitCommand {}

    /** Forget everything about the current patient (card session, PIN state, shown data). */
    record EndVisit() implements VisitCommand {}

    /** 保険証利用登録 with the card (PIN verified in this session), then the confirmation again. */
    record RegisterCard() implements VisitCommand {}
}
