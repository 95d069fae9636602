package org.uketsuke.reader.pcsc;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CommandAPDU;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CardInUseException;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.ResponseApdu;

/**
 * One exclusive card session over PC/SC. Exclusive access ({@code SCardBeginTransaction}) waits without limit while
 * another program holds the card, and the JDK lets only the thread that began it use the card: so the session has a
 * thread of its own that connects, begins, transmits and ends, and the caller waits for it — for exclusive access
 * only as long as it is willing to ({@link CardInUseException} after that; the abandoned attempt releases the card
 * by itself if it ever gets it).
 *
 * <p>That thread is the reader's, kept from one session to the next (one per reader name, started at the first
 * session): a visit used to start and end a thread of its own. The JDK allows one exclusive holder of a reader's card
 * per process, so sessions on one reader never overlap on it. Work of several commands ({@link #exchange}) runs there
 * in one hand-off; a command sent from that thread goes to the card directly.
 */
final class PcscSession implements ApduTransport {

    /**
     * Each reader's session thread: one thread, never ended (a session may wait minutes for a PIN, and the card's
     * exclusive access belongs to the thread that began it).
     */
    private static final Map<String, ExecutorService> readerThreads = new ConcurrentHashMap<>();

    private final ExecutorService owner;
    /** The thread that began exclusive access: the only one the JDK lets use the card. */
    private final Thread sessionThread;

    private final Card card;
    private final CardChannel channel;

    private PcscSession(ExecutorService owner, Thread sessionThread, Card card) {
        this.owner = owner;
        this.sessionThread = sessionThread;
        this.card = card;
        this.channel = card.getBasicChannel();
    }

    /** The card with the thread that holds its exclusive access. */
    private record Opened(Card card, Thread thread) {}

    private static ExecutorService readerThread(String reader) {
        return readerThreads.computeIfAbsent(
                reader,
                name -> Executors.newSingleThreadExecutor(task ->
                        Thread.ofPlatform().name("pcsc-session").daemon().unstarted(task)));
    }

    /** The hand-over between the session thread and a caller that may stop waiting. */
    private static final class Handover {
        boolean abandoned;
        boolean taken;
    }

    /**
     * Attempts that gave up waiting and still block in the service, per reader. The JDK shares one Card per reader
     * within the process, so a new attempt waits for those to finish before it connects.
     */
    private static final Map<String, Future<?>> abandonedAttempts = new ConcurrentHashMap<>();

    static ApduTransport open(CardTerminal terminal, Duration exclusiveWait) throws CardException, CardGoneException {
        Future<?> earlier = abandonedAttempts.get(terminal.getName());
        if (earlier != null) {
            try {
                earlier.get(exclusiveWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWaiting) {
                throw new CardInUseException("another program holds the card on " + terminal.getName()
                        + " (an earlier attempt still waits for exclusive access)");
            } catch (ExecutionException | CancellationException finished) {
                // it ended, one way or another
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CardGoneException("interrupted while waiting for the card", e);
            }
            abandonedAttempts.remove(terminal.getName(), earlier);
        }
        ExecutorService owner = readerThread(terminal.getName());
        Handover handover = new Handover();
        Future<Opened> opening = owner.submit(() -> {
            Card card = terminal.connect("*");
            try {
                card.beginExclusive();
            } catch (CardException e) {
                if (heldInThisProcess(e)) {
                    // The JDK hands every connect to a reader the same Card: another session of ours has it.
                    throw new CardInUseException(
                            "another session of this program holds the card on " + terminal.getName(), e);
                }
                quietly(() -> card.disconnect(false));
                throw e;
            }
            synchronized (handover) {
                if (handover.abandoned) {
                    release(card); // the caller gave up: let the card go again at once
                    return null;
                }
                handover.taken = true;
            }
            return new Opened(card, Thread.currentThread());
        });
        try {
            Opened opened;
            try {
                opened = opening.get(exclusiveWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException busy) {
                synchronized (handover) {
                    if (!handover.taken) {
                        handover.abandoned = true;
                    }
                }
                if (handover.abandoned) {
                    abandonedAttempts.put(terminal.getName(), opening);
                    throw new CardInUseException("another program holds the card on " + terminal.getName()
                            + " (no exclusive access within " + exclusiveWait.toMillis() + " ms)");
                }
                opened = opening.get(); // handed over just now
            }
            return new PcscSession(owner, opened.thread(), opened.card());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CardInUseException inUse) {
                throw inUse;
            }
            if (e.getCause() instanceof CardException cardException) {
                throw cardException;
            }
            throw new CardGoneException("connecting failed: " + PcscReaders.reason(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CardGoneException("interrupted while connecting", e);
        }
    }

    private static boolean heldInThisProcess(CardException e) {
        return String.valueOf(e.getMessage()).contains("Exclusive access has already been assigned");
    }

    @Override
    public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
        try {
            byte[] answer = Thread.currentThread() == sessionThread
                    ? send(command) // inside an exchange: already on the session's thread
                    : onSessionThread(() -> send(command));
            return ResponseApdu.parse(answer);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CardException
                    || cause instanceof IllegalStateException
                    || cause instanceof IllegalArgumentException) {
                throw gone(command, cause);
            }
            throw new IllegalStateException("unexpected failure during " + command, cause);
        } catch (CardException | IllegalStateException | IllegalArgumentException e) {
            throw gone(command, e);
        } catch (InterruptedException | RejectedExecutionException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CardGoneException("the session ended during " + command, e);
        }
    }

    private byte[] send(CommandApdu command) throws CardException {
        return channel.transmit(new CommandAPDU(command.bytes())).getBytes();
    }

    /** What {@link #transmit} throws for a failure of the card's answer on the session's thread. */
    private static CardGoneException gone(CommandApdu command, Throwable cause) {
        if (cause instanceof IllegalArgumentException) {
            // The reader answered less than a status word: vpcd does so when the card leaves mid-command.
            return new CardGoneException("no status word for " + command + ": " + PcscReaders.reason(cause), cause);
        }
        return new CardGoneException("card gone during " + command + ": " + PcscReaders.reason(cause), cause);
    }

    /** The whole of {@code work} on the session's thread, in one hand-off (its commands then go to the card directly). */
    @Override
    public <T> T exchange(Exchange<T> work) throws CardGoneException {
        if (Thread.currentThread() == sessionThread) {
            return work.run();
        }
        try {
            return onSessionThread(work::run);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case CardGoneException gone -> throw gone;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IllegalStateException("unexpected failure of a card exchange", e.getCause());
            }
        } catch (InterruptedException | RejectedExecutionException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CardGoneException("the session ended during a card exchange", e);
        }
    }

    /** Resets the card and ends exclusive access with it (no verified PIN survives the session). */
    @Override
    public void close() {
        try {
            onSessionThread(() -> {
                release(card);
                return null;
            });
        } catch (ExecutionException | InterruptedException | RejectedExecutionException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private <T> T onSessionThread(Callable<T> work) throws ExecutionException, InterruptedException {
        return owner.submit(work).get();
    }

    /**
     * Resets the card while this session still holds its transaction: the service ends the transaction as part of the
     * disconnect. Ending it first let a program waiting in SCardBeginTransaction take the card with this session's PIN
     * still verified, and pcsc-lite then holds a reset back until that program lets go (its SCardDisconnect waits for
     * another handle's lock), so the session's thread waited on the other program too.
     */
    private static void release(Card card) {
        quietly(() -> card.disconnect(true));
    }

    private interface CardAction {
        void run() throws CardException;
    }

    private static void quietly(CardAction action) {
        try {
            action.run();
        } catch (CardException | IllegalStateException e) {
            // already gone
        }
    }
}
