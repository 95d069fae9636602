package org.uketsuke.reader.transcript;

import java.util.List;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.ResponseApdu;

/**
 * A card that answers from a transcript: each command must be exactly the recorded one (VERIFY data compared with its
 * test secret), or the test fails there, naming the APDU; a recorded {@code gone} is a card taken off.
 */
public final class ReplayedCard implements ApduTransport {

    private final Transcript transcript;
    private final List<Transcript.Entry.Exchange> script;
    private int next;

    public ReplayedCard(Transcript transcript) {
        this.transcript = transcript;
        this.script = transcript.exchanges();
    }

    @Override
    public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
        String sent = Secrets.command(command);
        if (next >= script.size()) {
            throw new AssertionError(transcript.name() + ": APDU #" + (next + 1) + " " + sent
                    + " was sent after the recorded conversation ended");
        }
        Transcript.Entry.Exchange expected = script.get(next++);
        if (!expected.command().equals(sent)) {
            throw new AssertionError(transcript.name() + ": APDU #" + next + " differs from the recording\n  recorded: "
                    + expected.command() + "\n  sent:     " + sent);
        }
        if (expected.response().equals(Transcript.GONE)) {
            throw new CardGoneException("taken off in the recording at APDU #" + next);
        }
        return Secrets.parseResponse(expected.response());
    }

    /** How many recorded commands have not been sent. */
    public int unsent() {
        return script.size() - next;
    }

    @Override
    public void close() {
        // a recording has no card to reset; the driver's close is part of no APDU
    }
}
