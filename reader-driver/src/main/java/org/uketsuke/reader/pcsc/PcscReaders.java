package org.uketsuke.reader.pcsc;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CardInUseException;
import org.uketsuke.reader.api.SessionOpening;
import org.uketsuke.reader.guard.MyNumberGuard;

/**
 * PC/SC readers through {@code javax.smartcardio} — the only place in Uketsuke that imports it. Uses
 * {@code TerminalFactory.getInstance("PC/SC", null)}: {@code getDefault()} silently degrades to a factory with no
 * readers when the service is down, which would hide the real problem. The factory is made anew when the service
 * was restarted (its old context is dead).
 */
public final class PcscReaders {

    /** How long {@link #connect(String)} waits for another program to release the card. */
    public static final Duration EXCLUSIVE_WAIT = Duration.ofSeconds(2);

    private CardTerminals terminals;

    public PcscReaders() {}

    /** Names of the readers the service knows, cards present or not. */
    public synchronized List<String> readers() throws CardServiceUnavailableException {
        try {
            return terminals().list().stream().map(CardTerminal::getName).toList();
        } catch (CardException e) {
            if (isNoReaders(e)) {
                return List.of();
            }
            forget(e); // a restarted service needs a new context
            try {
                return terminals().list().stream().map(CardTerminal::getName).toList();
            } catch (CardException again) {
                if (isNoReaders(again)) {
                    return List.of();
                }
                throw new CardServiceUnavailableException("the card service does not answer: " + reason(again), again);
            }
        }
    }

    /** The first reader that has a card on it. */
    public synchronized Optional<String> firstReaderWithCard() throws CardServiceUnavailableException {
        for (String name : readers()) {
            if (cardPresent(name)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    public synchronized boolean cardPresent(String reader) throws CardServiceUnavailableException {
        return ask(reader, "ask", CardTerminal::isCardPresent);
    }

    /** Blocks (in the service, no polling) until a card is on the reader or the time is up. */
    public boolean waitForCardPresent(String reader, Duration timeout) throws CardServiceUnavailableException {
        return ask(reader, "wait on", terminal -> terminal.waitForCardPresent(Math.max(1, timeout.toMillis())));
    }

    /** Blocks until the card is taken off the reader or the time is up. */
    public boolean waitForCardAbsent(String reader, Duration timeout) throws CardServiceUnavailableException {
        return ask(reader, "wait on", terminal -> terminal.waitForCardAbsent(Math.max(1, timeout.toMillis())));
    }

    /** One question to a reader's terminal. */
    private interface ReaderQuestion {
        boolean ask(CardTerminal terminal) throws CardException;
    }

    /** Asks the reader; a failing service is forgotten (reconnected next time) and reported as unavailable. */
    private boolean ask(String reader, String verb, ReaderQuestion question) throws CardServiceUnavailableException {
        try {
            return question.ask(terminal(reader));
        } catch (CardException e) {
            forget(e);
            throw new CardServiceUnavailableException("cannot " + verb + " reader " + reader + ": " + reason(e), e);
        }
    }

    /**
     * Opens an exclusive session with the card on {@code reader} (T=0 or T=1). Exclusive, because a verified PIN
     * stays in force until the card is reset: nobody else may use the card meanwhile. Guarded against the My Number.
     * Waits at most {@link #EXCLUSIVE_WAIT} for another program to let go of the card.
     */
    public SessionOpening open(String reader) {
        return open(reader, EXCLUSIVE_WAIT);
    }

    /** {@link #open(String)} with its own wait for exclusive access. */
    public SessionOpening open(String reader, Duration exclusiveWait) {
        try {
            Optional<CardTerminal> terminal = find(reader);
            if (terminal.isEmpty()) {
                return new SessionOpening.NoReader("no reader named " + reader);
            }
            return new SessionOpening.Open(MyNumberGuard.guard(PcscSession.open(terminal.get(), exclusiveWait)));
        } catch (CardServiceUnavailableException e) {
            return new SessionOpening.ServiceDown(e.getMessage());
        } catch (CardInUseException e) {
            return new SessionOpening.InUse(e.getMessage());
        } catch (CardGoneException e) {
            return new SessionOpening.NoCard(e.getMessage());
        } catch (CardException e) {
            if (isServiceDown(e)) {
                forget(e);
                return new SessionOpening.ServiceDown("the card service stopped: " + reason(e));
            }
            if (reason(e).contains("SCARD_E_SHARING_VIOLATION")) {
                return new SessionOpening.InUse(
                        "the card on " + reader + " is in use by another program: " + reason(e));
            }
            return new SessionOpening.NoCard("no card on " + reader + ": " + reason(e));
        }
    }

    /**
     * {@link #open(String)} for tools that stop at the first failure (CLI, bench): the reasons as exceptions.
     *
     * @throws CardInUseException another program holds the card
     * @throws CardGoneException no card on the reader, or it went away while connecting
     * @throws CardServiceUnavailableException the reader is unknown or the service stopped
     */
    public ApduTransport connect(String reader) throws CardGoneException, CardServiceUnavailableException {
        return connect(reader, EXCLUSIVE_WAIT);
    }

    /** {@link #connect(String)} with its own wait for exclusive access. */
    public ApduTransport connect(String reader, Duration exclusiveWait)
            throws CardGoneException, CardServiceUnavailableException {
        return switch (open(reader, exclusiveWait)) {
            case SessionOpening.Open open -> open.transport();
            case SessionOpening.InUse inUse -> throw new CardInUseException(inUse.detail());
            case SessionOpening.NoCard noCard -> throw new CardGoneException(noCard.detail());
            case SessionOpening.ServiceDown down -> throw new CardServiceUnavailableException(down.detail(), null);
            case SessionOpening.NoReader none -> throw new CardServiceUnavailableException(none.detail(), null);
        };
    }

    private CardTerminal terminal(String reader) throws CardServiceUnavailableException {
        return find(reader).orElseThrow(() -> new CardServiceUnavailableException("no reader named " + reader, null));
    }

    /** The reader of that name; empty when the service knows no such reader (or none at all). */
    private synchronized Optional<CardTerminal> find(String reader) throws CardServiceUnavailableException {
        for (int attempt = 0; ; attempt++) {
            try {
                for (CardTerminal terminal : terminals().list()) {
                    if (terminal.getName().equals(reader)) {
                        return Optional.of(terminal);
                    }
                }
                return Optional.empty();
            } catch (CardException e) {
                if (isNoReaders(e)) {
                    return Optional.empty();
                }
                forget(e);
                if (attempt > 0) {
                    throw new CardServiceUnavailableException(
                            "the card service does not answer: " + reason(e) + PcscContext.renewHint(), e);
                }
            }
        }
    }

    private synchronized CardTerminals terminals() throws CardServiceUnavailableException {
        if (terminals == null) {
            terminals = PcscContext.terminals();
        }
        return terminals;
    }

    /** Drops the view of the readers; when the service went away, the process's dead context too. */
    private synchronized void forget(Throwable e) {
        terminals = null;
        if (isServiceDown(e)) {
            PcscContext.renew();
        }
    }

    /** The errors of a service that stopped or restarted under us (its old context is dead). */
    static boolean isServiceDown(Throwable e) {
        String reason = reason(e);
        return reason.contains("SCARD_E_NO_SERVICE")
                || reason.contains("SCARD_E_SERVICE_STOPPED")
                || reason.contains("SCARD_E_INVALID_HANDLE")
                || reason.contains("SCARD_F_COMM_ERROR");
    }

    static boolean isNoReaders(Throwable e) {
        return reason(e).contains("SCARD_E_NO_READERS_AVAILABLE");
    }

    static String reason(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" / ");
            }
            text.append(t.getMessage());
        }
        return text.toString();
    }
}
