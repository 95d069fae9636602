package org.uketsuke.app.reception;

import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.SessionOpening;
import org.uketsuke.reader.jpki.CertificateRead;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.jpki.TokenKind;

/**
 * Opens the card session of the visit, makes sure it is a My Number card and reads its auth certificate; ends in
 * {@code CardReady} with the PIN tries the card reports (without using one), the session kept in the visit. A card
 * that cannot be used has its session closed at once.
 */
final class ReadCardStep implements VisitStep {

    private static final Logger log = LoggerFactory.getLogger(ReadCardStep.class);

    private final CardSlot slot;

    ReadCardStep(CardSlot slot) {
        this.slot = slot;
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
            if (card.identify() != TokenKind.MY_NUMBER_CARD) {
                transport.close();
                return failed(visit, Problem.NOT_A_MY_NUMBER_CARD);
            }
            Problem problem;
            switch (card.readAuthCertificate()) {
                case CertificateRead.Read read -> {
                    int triesLeft = card.authPinTriesLeft();
                    return Result.end(
                            visit.withCard(new CardSession(transport, card, read.der())),
                            new VisitEvent.CardReady(triesLeft));
                }
                case CertificateRead.CardRemoved _ -> problem = Problem.CARD_REMOVED;
                // Only smartphone tokens keep the certificate behind the PIN, and they were refused above.
                case CertificateRead.PinRequiredFirst _ -> problem = Problem.NOT_A_MY_NUMBER_CARD;
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

    private static Result failed(VisitContext visit, Problem problem) {
        return Result.end(visit, new VisitEvent.Failed(problem));
    }
}
