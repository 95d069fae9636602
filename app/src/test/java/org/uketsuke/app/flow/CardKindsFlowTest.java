package org.uketsuke.app.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.flow.VisitEvent.CardPlaced;
import org.uketsuke.app.flow.VisitEvent.CardReady;
import org.uketsuke.app.flow.VisitEvent.Confirmed;
import org.uketsuke.app.flow.VisitEvent.ConsentsGiven;
import org.uketsuke.app.flow.VisitEvent.Failed;
import org.uketsuke.app.flow.VisitEvent.PinEntered;
import org.uketsuke.app.flow.VisitEvent.PinPathChosen;
import org.uketsuke.app.flow.VisitEvent.PinVerified;
import org.uketsuke.app.flow.VisitEvent.VisualCheckRequested;
import org.uketsuke.eligibility.CertificateExpiry;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;

/** Face-only cards, phones and certificate expiry in the visit's table (issue #20 items 2–4). */
class CardKindsFlowTest {

    private static final CertificateExpiry IN_GRACE =
            new CertificateExpiry.ExpiredInGrace(LocalDate.of(2026, 10, 1), LocalDate.of(2027, 1, 1));

    private final VisitFlow flow = new VisitFlow();

    private VisitSnapshot at(VisitEvent... events) {
        for (VisitEvent event : events) {
            flow.on(event);
        }
        return flow.current();
    }

    @Test
    void aFaceOnlyCardNeverReachesThePinPadOnlyTheFaceCheckOrTheStaff() {
        VisitSnapshot choosing = at(new CardPlaced(), new CardReady(-1, PresentedCard.of(CardKind.FACE_ONLY_CARD)));
        assertThat(choosing.state()).isEqualTo(VisitState.AWAITING_PIN);
        assertThat(choosing.card().kind().pinOnTheKiosk()).isFalse();
        assertThat(flow.on(new PinEntered("1234")).commands()).isEmpty();
        assertThat(flow.on(new VisitEvent.FacePathChosen()).next().state()).isEqualTo(VisitState.CAPTURING_CARD_FRONT);
        VisitSnapshot failed = at(new VisitEvent.CardFrontUnreadable());
        assertThat(failed.card().kind()).isEqualTo(CardKind.FACE_ONLY_CARD);
        assertThat(flow.on(new PinPathChosen()).next().state()).isEqualTo(VisitState.ENTERING_COLLATION_NUMBER);
        assertThat(flow.on(new VisualCheckRequested()).next().state()).isEqualTo(VisitState.AWAITING_STAFF_CHECK);
    }

    @Test
    void anIPhoneGoesStraightToTheConsentsAndAnAndroidPhoneOnlyToThePin() {
        assertThat(at(new CardPlaced(), new CardReady(3, PresentedCard.of(CardKind.IPHONE)))
                        .state())
                .isEqualTo(VisitState.ASKING_CONSENTS);
        VisitFlow android = new VisitFlow();
        android.on(new CardPlaced());
        android.on(new CardReady(3, PresentedCard.of(CardKind.ANDROID_PHONE)));
        assertThat(android.on(new VisualCheckRequested()).next().state()).isEqualTo(VisitState.AWAITING_PIN);
        assertThat(android.on(new VisitEvent.FacePathChosen()).next().state()).isEqualTo(VisitState.AWAITING_PIN);
        android.on(new PinEntered("1234"));
        VisitSnapshot consents =
                android.on(new PinVerified(Optional.of(IN_GRACE))).next();
        assertThat(consents.card()).isEqualTo(new PresentedCard(CardKind.ANDROID_PHONE, IN_GRACE));
    }

    @Test
    void theCertificateNoticeReachesTheResultAndNotTheNextPatient() {
        PresentedCard card = new PresentedCard(CardKind.MY_NUMBER_CARD, IN_GRACE);
        VisitSnapshot result = at(
                new CardPlaced(),
                new CardReady(3, card),
                new PinEntered("1234"),
                new PinVerified(),
                new ConsentsGiven(Consents.all(Consent.NO)),
                new Confirmed(SampleConfirmation.CONFIRMED));
        assertThat(result.state()).isEqualTo(VisitState.SHOWING_RESULT);
        assertThat(result.card().renewalNotice()).contains(IN_GRACE);
        assertThat(at(new CardPlaced()).card()).isEqualTo(PresentedCard.MY_NUMBER_CARD);
        assertThat(at(new Failed(Problem.CARD_REMOVED)).card()).isEqualTo(PresentedCard.MY_NUMBER_CARD);
    }
}
