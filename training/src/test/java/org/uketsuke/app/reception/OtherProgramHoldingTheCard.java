package org.uketsuke.app.reception;

import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.pcsc.PcscReaders;

/**
 * Another program that holds the card, as a JPKI client left open does: opens an exclusive session on the reader
 * named in {@code args[0]}, prints {@code held}, and lets go when its standard input closes. Run as a separate process.
 */
public final class OtherProgramHoldingTheCard {

    private OtherProgramHoldingTheCard() {}

    public static void main(String[] args) throws Exception {
        try (ApduTransport session = new PcscReaders().connect(args[0])) {
            System.out.println("held");
            System.out.flush();
            while (System.in.read() >= 0) {
                // wait for the test to close our input
            }
        }
    }
}
