package org.uketsuke.reader.sim;

import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.ResponseApdu;
import org.uketsuke.reader.guard.MyNumberGuard;

/** The virtual card in-process, behind the same My Number guard as a PC/SC reader. Closing resets the card. */
public final class VirtualCardTransport implements ApduTransport {

    private final MyNumberCardSimulator card;

    private VirtualCardTransport(MyNumberCardSimulator card) {
        this.card = card;
    }

    /** A guarded session with the virtual card, starting from a reset. */
    public static ApduTransport open(MyNumberCardSimulator card) {
        card.reset();
        return MyNumberGuard.guard(new VirtualCardTransport(card));
    }

    @Override
    public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
        if (!card.takesNextCommand()) {
            throw new CardGoneException("the virtual card was taken off (fault injected after "
                    + card.behaviour().removeAfter() + " APDUs)");
        }
        return ResponseApdu.parse(card.process(command.bytes()));
    }

    @Override
    public void close() {
        card.reset();
    }
}
