package org.uketsuke.app.cli;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.reader.sim.CardBehaviour;
import org.uketsuke.reader.sim.CardPersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;

/**
 * The virtual cards {@code ./uketsuke card simulate} can put on a reader. Each is issued by the mock backend's test
 * JPKI CA for a person of its generated population (as the demo's card is), so a backend on the same state
 * directory answers for it — or refuses it, as an expired, revoked or unregistered card is refused.
 */
enum CardPersona {
    PATIENT("a valid My Number card of the person"),
    EXPIRED("the person's card whose auth certificate has expired"),
    REVOKED("the person's card whose auth certificate the backend has revoked (lost card)"),
    UNREGISTERED("a genuine card linked to nobody (no 保険証利用登録)"),
    BLOCKED_PIN("a valid card whose auth PIN is blocked (three wrong PINs)"),
    SMARTPHONE("Android smartphone JPKI (スマホ用電子証明書): the certificate needs the PIN first"),
    SMARTPHONE_IOS("iPhone JPKI: the certificate needs the PIN first"),
    JUKI("an old 住基 card"),
    SLOW("a valid card answering slowly (--latency-ms per APDU, default 50)"),
    EXTENDED("a valid card taking extended-length APDUs (whole certificate in one READ BINARY)"),
    PULLED("a valid card taken off the reader after --after N APDUs (default 3), put back 3 s later"),
    GARBAGE("a valid card answering nonsense status words after --after N APDUs (default 2)");

    private final String description;

    CardPersona(String description) {
        this.description = description;
    }

    /** The name on the command line: {@code blocked-pin}. */
    String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    String description() {
        return description;
    }

    static Optional<CardPersona> ofCliName(String name) {
        return Arrays.stream(values()).filter(p -> p.cliName().equals(name)).findFirst();
    }

    /** Issues (or finds) the persona's card in the backend's state and makes the virtual card. */
    MyNumberCardSimulator issue(MockBackend backend, int person, Duration latency, long after) {
        IssuedCard issued = switch (this) {
            case EXPIRED -> backend.issueExpiredCard(person);
            case UNREGISTERED -> backend.issueUnregisteredCard();
            default -> backend.issueCard(person);
        };
        if (this == REVOKED) {
            backend.revoke(issued);
        }
        CardPersonalisation personalisation = new CardPersonalisation(
                issued.authCertDer(), issued.authCaCertDer(), issued.authKey(), issued.pin());
        MyNumberCardSimulator card = switch (this) {
            case SMARTPHONE -> new MyNumberCardSimulator(personalisation, "JPKIAPGPSETOKEN");
            case SMARTPHONE_IOS -> new MyNumberCardSimulator(personalisation, "JPKIAPIOSTOKEN");
            case JUKI -> new MyNumberCardSimulator(personalisation, "JPKIAPICCTOKEN");
            default -> new MyNumberCardSimulator(personalisation);
        };
        return switch (this) {
            case BLOCKED_PIN -> card.blockAuthPin();
            case SLOW -> card.behave(CardBehaviour.normal().withLatency(latency));
            case EXTENDED -> card.behave(CardBehaviour.normal().withExtendedLength());
            case PULLED -> card.behave(CardBehaviour.normal().removedAfter(after < 0 ? 3 : after));
            case GARBAGE -> card.behave(CardBehaviour.normal().garbageAfter(after < 0 ? 2 : after));
            default -> card;
        };
    }
}
