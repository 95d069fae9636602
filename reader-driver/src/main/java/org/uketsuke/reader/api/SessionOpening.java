package org.uketsuke.reader.api;

/**
 * What asking for a card session gave: the session, or the one reason there is none. The reasons are a closed list
 * that an application maps one-to-one to what the person at the reader is told; {@code detail} says where it broke,
 * for the log only. PC/SC names the causes: no card ({@code SCARD_E_NO_SMARTCARD}, {@code SCARD_W_REMOVED_CARD}),
 * in use ({@code SCARD_E_SHARING_VIOLATION}, or exclusive access not granted in time), service down
 * ({@code SCARD_E_NO_SERVICE}, {@code SCARD_E_SERVICE_STOPPED}), no reader ({@code SCARD_E_UNKNOWN_READER},
 * {@code SCARD_E_NO_READERS_AVAILABLE}).
 */
public sealed interface SessionOpening {

    /** An exclusive session with the card on the reader; the caller closes it. */
    record Open(ApduTransport transport) implements SessionOpening {}

    /** Why there is no session: {@code detail} says where it broke, for the log. */
    sealed interface Refused extends SessionOpening {
        String detail();
    }

    /** No card on the reader, or it went away while the session was being opened. */
    record NoCard(String detail) implements Refused {}

    /** Another program (or another session of this one) holds the card: waiting or closing it helps, removal not. */
    record InUse(String detail) implements Refused {}

    /** The card service (pcscd, SCardSvr) is not running or does not answer. */
    record ServiceDown(String detail) implements Refused {}

    /** The service runs but does not know the configured reader (unplugged, renamed, never attached). */
    record NoReader(String detail) implements Refused {}
}
