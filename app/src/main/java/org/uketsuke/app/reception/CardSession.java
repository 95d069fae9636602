package org.uketsuke.app.reception;

import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.jpki.JpkiCard;

/**
 * The patient's card as the visit holds it: the open transport (a resource: the end-visit step closes it, which also
 * resets the card's PIN state), the JPKI application on it and the auth certificate read from it.
 */
record CardSession(ApduTransport transport, JpkiCard card, byte[] authCertificate) implements AutoCloseable {

    @Override
    public void close() {
        transport.close();
    }
}
