package org.uketsuke.reader.transcript;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import java.util.Random;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.uketsuke.reader.sim.CardFacePersonalisation;
import org.uketsuke.reader.sim.CardPersonalisation;

/**
 * Card contents that come out the same on every run (seeded keys, fixed dates), so that recording the transcripts
 * again changes a file only when the simulator or the driver changed. Test keys of a test CA, nothing real.
 */
final class TranscriptCards {

    private static final X500Name CA = new X500Name("C=JP, O=JPKI-TEST, OU=JPKI for user authentication");
    private static final KeyPair CA_KEY = rsa(1);
    private static final KeyPair CARD_KEY = rsa(2);
    private static final KeyPair FACE_KEY = rsa(3);
    private static final byte[] CA_CERT = certificate(CA, CA_KEY, 1, "2025-01-01T00:00:00Z", "2035-01-01T00:00:00Z");

    private TranscriptCards() {}

    static CardPersonalisation valid() {
        return new CardPersonalisation(
                certificate(
                        new X500Name("C=JP, CN=TEST0001"),
                        CARD_KEY,
                        4242,
                        "2025-04-01T00:00:00Z",
                        "2030-04-01T00:00:00Z"),
                CA_CERT,
                CARD_KEY.getPrivate(),
                Secrets.PIN);
    }

    static CardPersonalisation expired() {
        return new CardPersonalisation(
                certificate(
                        new X500Name("C=JP, CN=TEST0002"),
                        CARD_KEY,
                        4243,
                        "2020-04-01T00:00:00Z",
                        "2025-04-01T00:00:00Z"),
                CA_CERT,
                CARD_KEY.getPrivate(),
                Secrets.PIN);
    }

    /** A card face for 照合番号B {@link Secrets#COLLATION_B}: born 1980-02-17, card valid to 2035-02-17. */
    static CardFacePersonalisation face() {
        byte[] photo = new byte[3_500];
        new Random(1).nextBytes(photo);
        System.arraycopy(new byte[] {0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20}, 0, photo, 0, 8); // JPEG 2000 signature box
        return new CardFacePersonalisation(
                Secrets.COLLATION_B, "19800217", "2", photo, "20350217", FACE_KEY, new byte[256]);
    }

    private static byte[] certificate(X500Name subject, KeyPair key, long serial, String from, String to) {
        try {
            X509CertificateHolder holder = new JcaX509v3CertificateBuilder(
                            CA,
                            BigInteger.valueOf(serial),
                            Date.from(Instant.parse(from)),
                            Date.from(Instant.parse(to)),
                            subject,
                            key.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(CA_KEY.getPrivate()));
            return holder.getEncoded();
        } catch (OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
