package org.uketsuke.app.reception;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.uketsuke.eligibility.CertificateExpiry;
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

    /** Where the certificate read from the card stands against its expiry; empty before an Android phone's PIN. */
    Optional<CertificateExpiry> expiry(Clock clock) {
        if (!certificateRead()) {
            return Optional.empty();
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(authCertificate));
            return Optional.of(ReadCardStep.expiryOf(certificate, clock));
        } catch (CertificateException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        transport.close();
    }
}
