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
 */
final class PcscSession implements ApduTransport {

    private final ExecutorService owner;
    private final Card card;
    private final CardChannel channel;

    private PcscSession(ExecutorService owner, Card card) {
        this.owner = owner;
        this.card = card;
        this.channel = card.getBasicChannel();
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
        ExecutorService owner = Executors.newSingleThreadExecutor(
                task -> Thread.ofPlatform().name("pcsc-session").daemon().unstarted(task));
        Handover handover = new Handover();
        Future<Card> opening = owner.submit(() -> {
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
            return card;
        });
        try {
            Card card;
            try {
                card = opening.get(exclusiveWait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException busy) {
                synchronized (handover) {
                    if (!handover.taken) {
                        handover.abandoned = true;
                    }
                }
                if (handover.abandoned) {
                    owner.shutdown();
                    abandonedAttempts.put(terminal.getName(), opening);
                    throw new CardInUseException("another program holds the card on " + terminal.getName()
                            + " (no exclusive access within " + exclusiveWait.toMillis() + " ms)");
                }
                card = opening.get(); // handed over just now
            }
            return new PcscSession(owner, card);
        } catch (ExecutionException e) {
            owner.shutdown();
            if (e.getCause() instanceof CardInUseException inUse) {
                throw inUse;
            }
            if (e.getCause() instanceof CardException cardException) {
                throw cardException;
            }
            throw new CardGoneException("connecting failed: " + PcscReaders.reason(e.getCause()), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            owner.shutdown();
            throw new CardGoneException("interrupted while connecting", e);
        }
    }

    private static boolean heldInThisProcess(CardException e) {
        return String.valueOf(e.getMessage()).contains("Exclusive access has already been assigned");
    }

    @Override
    public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
        try {
            byte[] answer = onSessionThread(
                    () -> channel.transmit(new CommandAPDU(command.bytes())).getBytes());
            return ResponseApdu.parse(answer);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CardException || cause instanceof IllegalStateException) {
                throw new CardGoneException("card gone during " + command + ": " + PcscReaders.reason(cause), cause);
            }
            if (cause instanceof IllegalArgumentException) {
                // The reader answered less than a status word: vpcd does so when the card leaves mid-command.
                throw new CardGoneException("no status word for " + command + ": " + PcscReaders.reason(cause), cause);
            }
            throw new IllegalStateException("unexpected failure during " + command, cause);
        } catch (IllegalArgumentException e) {
            throw new CardGoneException("no status word for " + command + ": " + PcscReaders.reason(e), e);
        } catch (InterruptedException | RejectedExecutionException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new CardGoneException("the session ended during " + command, e);
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
        } finally {
            owner.shutdown();
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
