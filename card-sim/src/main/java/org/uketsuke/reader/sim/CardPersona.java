package org.uketsuke.reader.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One virtual card of {@code personas.properties}: what it is and how it is made. The issuing of its certificate
 * (valid, expired, revoked, unregistered) is the test CA's business; everything else the simulator builds here.
 *
 * @param name the name on the command line and in transcripts ({@code blocked-pin})
 * @param description what the card is, for people
 * @param certificate how its auth certificate is issued
 * @param tokenLabel the JPKI token label (EF 0006)
 * @param pin the state of its auth PIN
 * @param behaviour its faults and timing
 * @param person the mock population's person the card is issued for when it is a particular one (the registration
 *     lag's person), else empty: the demo patient
 */
public record CardPersona(
        String name,
        String description,
        Certificate certificate,
        String tokenLabel,
        Pin pin,
        Behaviour behaviour,
        OptionalInt person) {

    /** Default APDU count before a {@link Behaviour#PULLED} card is taken off. */
    public static final long DEFAULT_PULLED_AFTER = 3;
    /** Default APDU count before a {@link Behaviour#GARBAGE} card answers nonsense. */
    public static final long DEFAULT_GARBAGE_AFTER = 2;

    /** How the test CA issues the card's auth certificate. */
    public enum Certificate {
        VALID,
        /** Expires within the three months in which the result screen tells the patient to renew it. */
        EXPIRING,
        /** Expired less than three months ago: the qualification is still confirmed, without medical information. */
        EXPIRED_RECENTLY,
        /** Expired longer ago than the three months' grace. */
        EXPIRED,
        REVOKED,
        UNREGISTERED
    }

    /** The auth PIN: set and usable, exhausted (three wrong PINs), or never set (顔認証マイナンバーカード). */
    public enum Pin {
        USABLE,
        BLOCKED,
        NONE
    }

    /** The card's {@link CardBehaviour} kind. */
    public enum Behaviour {
        NORMAL,
        SLOW,
        EXTENDED,
        PULLED,
        GARBAGE
    }

    public CardPersona {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(tokenLabel, "tokenLabel");
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(behaviour, "behaviour");
        Objects.requireNonNull(person, "person");
    }

    /**
     * The virtual card of this persona with the given contents.
     *
     * @param latency per APDU, for {@link Behaviour#SLOW}
     * @param after APDUs before the fault of {@link Behaviour#PULLED} / {@link Behaviour#GARBAGE}; negative for the
     *     default
     */
    public MyNumberCardSimulator card(CardPersonalisation personalisation, Duration latency, long after) {
        MyNumberCardSimulator card = new MyNumberCardSimulator(personalisation, tokenLabel);
        switch (pin) {
            case USABLE -> {}
            case BLOCKED -> card.blockAuthPin();
            case NONE -> card.withoutAuthPin();
        }
        CardBehaviour normal = CardBehaviour.normal();
        return switch (behaviour) {
            case NORMAL -> card;
            case SLOW -> card.behave(normal.withLatency(latency));
            case EXTENDED -> card.behave(normal.withExtendedLength());
            case PULLED -> card.behave(normal.removedAfter(after < 0 ? DEFAULT_PULLED_AFTER : after));
            case GARBAGE -> card.behave(normal.garbageAfter(after < 0 ? DEFAULT_GARBAGE_AFTER : after));
        };
    }

    /** The card with the default fault counts and no added latency. */
    public MyNumberCardSimulator card(CardPersonalisation personalisation) {
        return card(personalisation, Duration.ZERO, -1);
    }

    /**
     * Whether the card itself answers differently from the patient's: a revoked or unregistered card differs only in
     * the backend, a slow one only in time, a certificate about to expire or in its grace only in its dates, another
     * person's card only in whom the backend finds.
     */
    public boolean differsOnTheCard() {
        return certificate != Certificate.REVOKED
                && certificate != Certificate.UNREGISTERED
                && certificate != Certificate.EXPIRING
                && certificate != Certificate.EXPIRED_RECENTLY
                && behaviour != Behaviour.SLOW
                && person.isEmpty();
    }
}
