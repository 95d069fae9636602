package org.uketsuke.app.reception;

import java.time.Clock;
import java.util.Optional;
import org.uketsuke.app.flow.Pin;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.CertificateExpiry;
import org.uketsuke.reader.jpki.CertificateRead;
import org.uketsuke.reader.jpki.PinCheck;

/**
 * VERIFY of the auth PIN in the visit's card session; a verified PIN becomes the visit's proof (the card will sign).
 * On an Android phone the certificate is read now, behind the PIN, and a phone whose certificate has expired is
 * refused (no grace period for phones). The PIN is wiped as soon as VERIFY has been sent, whatever the card answered.
 */
final class VerifyPinStep implements VisitStep {

    private final Pin pin;
    private final boolean byCompanion;
    private final Clock clock;

    VerifyPinStep(Pin pin, Clock clock) {
        this(pin, false, clock);
    }

    /** @param byCompanion the PIN was typed by the patient's companion (介助者), not the patient */
    VerifyPinStep(Pin pin, boolean byCompanion, Clock clock) {
        this.pin = pin;
        this.byCompanion = byCompanion;
        this.clock = clock;
    }

    @Override
    public Result run(VisitContext visit) {
        try {
            if (visit.card().isEmpty()) {
                return Result.end(visit, new VisitEvent.Failed(Problem.CARD_REMOVED));
            }
            CardSession session = visit.card().get();
            return switch (session.card().verifyAuthPin(pin.digits())) {
                case PinCheck.Verified _ ->
                    session.certificateRead()
                            ? Result.end(
                                    visit.withProof(new IdentityProof.CardSignature(byCompanion)),
                                    new VisitEvent.PinVerified())
                            : readPhoneCertificate(visit, session);
                case PinCheck.Wrong wrong -> Result.end(visit, new VisitEvent.PinRejected(wrong.triesLeft()));
                case PinCheck.Blocked _ -> Result.end(visit, new VisitEvent.Failed(Problem.PIN_BLOCKED));
                case PinCheck.CardRemoved _ -> Result.end(visit, new VisitEvent.Failed(Problem.CARD_REMOVED));
                case PinCheck.Failed _ -> Result.end(visit, new VisitEvent.Failed(Problem.CARD_UNREADABLE));
            };
        } finally {
            pin.clear();
        }
    }

    private Result readPhoneCertificate(VisitContext visit, CardSession session) {
        return switch (session.card().readAuthCertificate()) {
            case CertificateRead.Read read -> {
                CertificateExpiry expiry = ReadCardStep.expiryOf(read.certificate(), clock);
                yield expiry.hasExpired()
                        ? Result.end(visit, new VisitEvent.Failed(Problem.PHONE_CERTIFICATE_EXPIRED))
                        : Result.end(
                                visit.withCard(session.withCertificate(read.der()))
                                        .withProof(new IdentityProof.CardSignature(byCompanion)),
                                new VisitEvent.PinVerified(Optional.of(expiry)));
            }
            case CertificateRead.CardRemoved _ -> Result.end(visit, new VisitEvent.Failed(Problem.CARD_REMOVED));
            case CertificateRead.PinRequiredFirst _, CertificateRead.Failed _ ->
                Result.end(visit, new VisitEvent.Failed(Problem.CARD_UNREADABLE));
        };
    }
}
