package org.uketsuke.app.reception;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.CardKind;
import org.uketsuke.app.flow.PresentedCard;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.CertificateExpiry;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.SessionOpening;
import org.uketsuke.reader.jpki.CertificateRead;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.jpki.TokenKind;

/**
 * Opens the card session of the visit, tells what was presented (a My Number card, a face-only card, an Android phone
 * or an iPhone: docs/spec-notes/cards-2026.md) and reads its auth certificate where the token allows it before the
 * PIN; ends in {@code CardReady} with the PIN tries the card reports (without using one), the session kept in the
 * visit. A card that cannot be used has its session closed at once.
 */
final class ReadCardStep implements VisitStep {

    private static final Logger log = LoggerFactory.getLogger(ReadCardStep.class);

    private final CardSlot slot;
    private final Clock clock;

    ReadCardStep(CardSlot slot, Clock clock) {
        this.slot = slot;
        this.clock = clock;
    }

    @Override
    public Result run(VisitContext visit) {
        ApduTransport transport;
        switch (slot.connect()) {
            case SessionOpening.Refused refused -> {
                return Result.end(visit, CardSessionProblems.failed(refused));
            }
            case SessionOpening.Open open -> transport = open.transport();
        }
        JpkiCard card = new JpkiCard(transport);
        try {
            // The card's commands in one exchange: a PC/SC session sends them from its own thread in one hand-off.
            Presented presented = transport.exchange(() -> present(card));
            TokenKind token = presented.token();
            if (presented.certificate().isEmpty()) {
                transport.close();
                return failed(visit, Problem.NOT_A_MY_NUMBER_CARD);
            }
            Problem problem;
            switch (presented.certificate().get()) {
                case CertificateRead.Read read -> {
                    int triesLeft = presented.triesLeft();
                    CardKind kind = kindOf(token, triesLeft);
                    CertificateExpiry expiry = expiryOf(read.certificate(), clock);
                    // A phone has no grace period after expiry (docs/spec-notes/cards-2026.md#smartphones).
                    if (kind == CardKind.IPHONE && expiry.hasExpired()) {
                        problem = Problem.PHONE_CERTIFICATE_EXPIRED;
                        break;
                    }
                    VisitContext ready = visit.withCard(new CardSession(transport, card, read.der()));
                    if (kind == CardKind.IPHONE) {
                        ready = ready.withProof(new IdentityProof.CardSignature());
                    }
                    return Result.end(ready, new VisitEvent.CardReady(triesLeft, new PresentedCard(kind, expiry)));
                }
                // An Android phone keeps its certificate behind the PIN: it is read once the PIN is verified.
                case CertificateRead.PinRequiredFirst _
                when token == TokenKind.SMARTPHONE_ANDROID -> {
                    int triesLeft = presented.triesLeft();
                    return Result.end(
                            visit.withCard(CardSession.beforePin(transport, card)),
                            new VisitEvent.CardReady(triesLeft, PresentedCard.of(CardKind.ANDROID_PHONE)));
                }
                case CertificateRead.PinRequiredFirst _ -> problem = Problem.NOT_A_MY_NUMBER_CARD;
                case CertificateRead.CardRemoved _ -> problem = Problem.CARD_REMOVED;
                case CertificateRead.Failed failed -> {
                    log.warn(
                            "auth certificate read failed at {} (SW {})",
                            failed.step(),
                            HexFormat.of().toHexDigits((short) failed.sw()));
                    problem = Problem.CARD_UNREADABLE;
                }
            }
            transport.close();
            return failed(visit, problem);
        } catch (CardGoneException e) {
            transport.close();
            return failed(visit, Problem.CARD_REMOVED);
        }
    }

    /**
     * What the card presented: its kind of token; for a kind we accept, its auth certificate read, and the PIN tries
     * it reports where the visit goes on to the PIN (read, or an Android phone's certificate behind the PIN).
     */
    private record Presented(TokenKind token, Optional<CertificateRead> certificate, int triesLeft) {}

    private static Presented present(JpkiCard card) throws CardGoneException {
        TokenKind token = card.identify();
        if (token != TokenKind.MY_NUMBER_CARD
                && token != TokenKind.SMARTPHONE_ANDROID
                && token != TokenKind.SMARTPHONE_IOS) {
            return new Presented(token, Optional.empty(), JpkiCard.NO_AUTH_PIN);
        }
        CertificateRead read = card.readAuthCertificate();
        boolean toPin = read instanceof CertificateRead.Read
                || (read instanceof CertificateRead.PinRequiredFirst && token == TokenKind.SMARTPHONE_ANDROID);
        return new Presented(token, Optional.of(read), toPin ? card.authPinTriesLeft() : JpkiCard.NO_AUTH_PIN);
    }

    private static CardKind kindOf(TokenKind token, int pinTriesLeft) {
        return switch (token) {
            case SMARTPHONE_IOS -> CardKind.IPHONE;
            case SMARTPHONE_ANDROID -> CardKind.ANDROID_PHONE;
            default -> pinTriesLeft == JpkiCard.NO_AUTH_PIN ? CardKind.FACE_ONLY_CARD : CardKind.MY_NUMBER_CARD;
        };
    }

    private static Result failed(VisitContext visit, Problem problem) {
        return Result.end(visit, new VisitEvent.Failed(problem));
    }

    /** Where a certificate read from the card stands against its expiry, on the visit's clock. */
    static CertificateExpiry expiryOf(X509Certificate certificate, Clock clock) {
        return CertificateExpiry.of(certificate.getNotAfter().toInstant(), clock.instant());
    }
}
