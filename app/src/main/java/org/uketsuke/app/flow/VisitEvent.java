package org.uketsuke.app.flow;

import java.util.Optional;
import org.uketsuke.eligibility.CertificateExpiry;
import org.uketsuke.eligibility.CollationNumberB;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.PrescriptionForm;

/** Everything that can happen to a visit: patient input, device and backend answers, and the clock. */
public sealed interface VisitEvent {

    /** A card was placed on the reader. */
    record CardPlaced() implements VisitEvent {}

    /** The card was taken off the reader (at any point). */
    record CardRemoved() implements VisitEvent {}

    /**
     * The card (or phone) was identified and, where it allows, its auth certificate read; {@code pinTriesLeft} as the
     * card reports without consuming a try ({@code -1} where the kiosk asks for no PIN).
     */
    record CardReady(int pinTriesLeft, PresentedCard card) implements VisitEvent {
        /** A My Number card with its PIN. */
        public CardReady(int pinTriesLeft) {
            this(pinTriesLeft, PresentedCard.MY_NUMBER_CARD);
        }
    }

    /**
     * The patient entered a PIN on the pad, or someone with them did for them ({@code byCompanion}: a family member or
     * carer, 介助者). The PIN never appears in {@link #toString()}; VERIFY wipes it.
     */
    record PinEntered(Pin pin, boolean byCompanion) implements VisitEvent {
        public PinEntered(Pin pin) {
            this(pin, false);
        }

        /** A PIN that is no secret (the demo card's, tests). */
        public PinEntered(String pin) {
            this(Pin.of(pin));
        }

        @Override
        public String toString() {
            return "PinEntered[****]";
        }
    }

    /** The patient chose the PIN-less face check; 照合番号B was read off the card front (or typed); it masks itself in logs. */
    record FaceChosen(CollationNumberB collationNumberB) implements VisitEvent {}

    /** The patient asked for the staff's visual check instead of PIN or face. */
    record VisualCheckRequested() implements VisitEvent {}

    /** A staff member compared the card photo with the patient and confirmed it is them. */
    record StaffConfirmedVisually(String staffId) implements VisitEvent {}

    /** The staff member could not confirm the patient from the card photo. */
    record StaffRefusedVisually() implements VisitEvent {}

    /** The live face matched the chip photo of a genuine card. */
    record FaceMatched() implements VisitEvent {}

    /**
     * The card accepted the PIN; it stays verified for this card session. {@code expiry} where the certificate could
     * only be read after the PIN (an Android phone).
     */
    record PinVerified(Optional<CertificateExpiry> expiry) implements VisitEvent {
        public PinVerified() {
            this(Optional.empty());
        }
    }

    /**
     * The patient answered every consent item.
     *
     * @param prescription the form the patient chose; empty where the clinic does not issue e-prescriptions
     */
    record ConsentsGiven(Consents consents, Optional<PrescriptionForm> prescription) implements VisitEvent {
        public ConsentsGiven(Consents consents) {
            this(consents, Optional.empty());
        }
    }

    /** The card refused the PIN; the patient may try again while tries are left. */
    record PinRejected(int triesLeft) implements VisitEvent {}

    /** Confirmed by the backend and handed to the レセコン store. */
    record Confirmed(ConfirmationOutcome.Confirmed confirmation) implements VisitEvent {}

    /** A step failed for a reason the patient is told about. */
    record Failed(Problem problem) implements VisitEvent {}

    /** The patient pressed cancel. */
    record Cancelled() implements VisitEvent {}

    /** The current screen waited too long for the patient. */
    record TimedOut() implements VisitEvent {}

    /** The system says the card is not registered for insurance use, and it can be registered here (PIN path). */
    record RegistrationOffered() implements VisitEvent {}

    /** The patient chose to register the card for insurance use (保険証利用登録) now. */
    record RegistrationAccepted() implements VisitEvent {}

    /** The patient chose not to register now. */
    record RegistrationDeclined() implements VisitEvent {}

    // --- the PIN-less face path at the counter (issue #10) ---

    /** The patient chose the face check: show the card front to the camera (or, from manual entry, show it again). */
    record FacePathChosen() implements VisitEvent {}

    /** The patient chose to type the digits of the card front instead. */
    record ManualEntryChosen() implements VisitEvent {}

    /** The patient chose the PIN after all (from the face path). */
    record PinPathChosen() implements VisitEvent {}

    /** The guided capture read 照合番号B off the card front (it masks itself in logs). */
    record CardFrontCaptured(CollationNumberB collationNumberB) implements VisitEvent {}

    /** The guided capture gave up on the card front (nothing readable in time). */
    record CardFrontUnreadable() implements VisitEvent {}

    /** The card refused 照合番号B; {@code triesLeft} as the card reports. Never retried with the same digits. */
    record CollationNumberRejected(int triesLeft) implements VisitEvent {}

    /** The expiry year in 照合番号B is not the card's (共通カードAP): nothing was tried on the card. */
    record CardExpiryMismatch() implements VisitEvent {}
}
