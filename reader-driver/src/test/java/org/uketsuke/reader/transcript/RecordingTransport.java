package org.uketsuke.reader.transcript;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CardSelection;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.ResponseApdu;

/** Writes down every command the driver sends and what came back, plus the driver's outcomes, as transcript entries. */
public final class RecordingTransport implements ApduTransport {

    private final ApduTransport card;
    private final List<Transcript.Entry> entries = new ArrayList<>();

    public RecordingTransport(ApduTransport card) {
        this.card = card;
    }

    @Override
    public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
        String sent = Secrets.command(command);
        try {
            ResponseApdu answer = card.transmit(command);
            entries.add(new Transcript.Entry.Exchange(sent, Secrets.response(answer)));
            return answer;
        } catch (CardGoneException e) {
            entries.add(new Transcript.Entry.Exchange(sent, Transcript.GONE));
            throw e;
        }
    }

    @Override
    public Optional<CardSelection> knownSelection() {
        return card.knownSelection();
    }

    /** Notes what the driver made of the step whose APDUs were just recorded. */
    public void outcome(String step, String result) {
        entries.add(new Transcript.Entry.Outcome(step, result));
    }

    public List<Transcript.Entry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public void close() {
        card.close();
    }
}
