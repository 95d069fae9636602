package org.uketsuke.app.reception;

import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.jpki.JpkiCard;

/**
 * The patient's card as the visit holds it: the open transport (a resource: the end-visit step closes it, which also
 * resets the card's PIN state), the JPKI application on it and the auth certificate read from it — empty on an
 * Android phone until the PIN is verified.
 */
record CardSession(ApduTransport transport, JpkiCard card, byte[] authCertificate) implements AutoCloseable {

    /** An Android phone: its certificate can be read only after the PIN. */
    static CardSession beforePin(ApduTransport transport, JpkiCard card) {
        return new CardSession(transport, card, new byte[0]);
    }

    boolean certificateRead() {
        return authCertificate.length > 0;
    }

    CardSession withCertificate(byte[] der) {
        return new CardSession(transport, card, der);
    }

    @Override
    public void close() {
        transport.close();
    }
}
