package org.uketsuke.reader;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.uketsuke.reader.sim.CardPersonalisation;

/**
 * Card contents for driver tests: a CA and an auth certificate with the card profile, made with BouncyCastle. (The
 * real issuing CA lives in mock-backend, which the driver must not depend on.)
 */
public final class TestCards {

    public static final String PIN = "1234";
    private static CardPersonalisation cached;

    private TestCards() {}

    public static synchronized CardPersonalisation personalisation() {
        if (cached == null) {
            cached = make();
        }
        return cached;
    }

    private static CardPersonalisation make() {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPair ca = rsa.generateKeyPair();
            KeyPair card = rsa.generateKeyPair();
            X500Name caName = new X500Name("C=JP, O=JPKI-TEST, OU=JPKI for user authentication");
            Instant now = Instant.now();
            X509Certificate caCert = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    caName,
                                    BigInteger.ONE,
                                    Date.from(now.minus(Duration.ofDays(1))),
                                    Date.from(now.plus(Duration.ofDays(3650))),
                                    caName,
                                    ca.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.getPrivate())));
            X509Certificate cardCert = new JcaX509CertificateConverter()
                    .getCertificate(new JcaX509v3CertificateBuilder(
                                    caName,
                                    BigInteger.valueOf(4242),
                                    Date.from(now.minus(Duration.ofDays(1))),
                                    Date.from(now.plus(Duration.ofDays(1825))),
                                    new X500Name("C=JP, CN=TEST0001"),
                                    card.getPublic())
                            .build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.getPrivate())));
            return new CardPersonalisation(cardCert.getEncoded(), caCert.getEncoded(), card.getPrivate(), PIN);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
