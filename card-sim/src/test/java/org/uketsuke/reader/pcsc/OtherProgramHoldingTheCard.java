package org.uketsuke.reader.pcsc;

import javax.smartcardio.Card;
import javax.smartcardio.TerminalFactory;

/**
 * Another program that holds the card: connects to the reader named in {@code args[0]}, begins exclusive access,
 * prints {@code held}, and lets go when its standard input closes. Run as a separate process by the busy-card test.
 */
public final class OtherProgramHoldingTheCard {

    private OtherProgramHoldingTheCard() {}

    public static void main(String[] args) throws Exception {
        Card card = TerminalFactory.getInstance("PC/SC", null)
                .terminals()
                .getTerminal(args[0])
                .connect("*");
        card.beginExclusive();
        System.out.println("held");
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the test to close our input
        }
        card.endExclusive();
        card.disconnect(true);
    }
}
