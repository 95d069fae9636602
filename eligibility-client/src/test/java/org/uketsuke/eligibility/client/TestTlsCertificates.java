package org.uketsuke.eligibility.client;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away TLS CA with a server certificate for 127.0.0.1 and a terminal (client) certificate, for the client's
 * boundary tests. EC P-256 keys: TLS does not care, and they are made in milliseconds where RSA takes seconds.
 */
final class TestTlsCertificates {

    private static final char[] PASSWORD = "test".toCharArray();
    private static final AtomicLong SERIAL = new AtomicLong(1);

    private record Issued(PrivateKey key, X509Certificate certificate) {}

    private final Issued ca;
    private final Issued server;
    private final Issued terminal;

    TestTlsCertificates(String name) {
        try {
            ca = issue("CN=" + name + " CA", null, true);
            server = issue("CN=localhost", ca, false);
            terminal = issue("CN=1311234567", ca, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The terminal's material: its certificate and key, trusting this CA only. */
    TlsMaterial terminalTls() {
        return new TlsMaterial(keyStore(terminal), PASSWORD, trustStore());
    }

    /**
     * One key store holding this CA's terminal ({@code clinic}) and {@code other}'s ({@code stranger}), as the Windows
     * certificate store holds every certificate of the machine; the entry named {@code alias} is the terminal's.
     */
    TlsMaterial terminalTlsAmong(TestTlsCertificates other, String alias) {
        KeyStore store = keyStore(terminal);
        try {
            store.setKeyEntry("clinic", store.getKey("key", PASSWORD), PASSWORD, store.getCertificateChain("key"));
            store.deleteEntry("key");
            store.setKeyEntry("stranger", other.terminal.key(), PASSWORD, new Certificate[] {
                other.terminal.certificate(), other.ca.certificate()
            });
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return new TlsMaterial(store, PASSWORD, trustStore(), new ServerRevocation.NotChecked(), Optional.of(alias));
    }

    /** Trusting this CA, but with no client certificate. */
    TlsMaterial anonymousTls() {
        return new TlsMaterial(emptyStore(), PASSWORD, trustStore());
    }

    /** The server side: its certificate, and trust in terminals of this CA. */
    SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(server), PASSWORD);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private KeyStore trustStore() {
        KeyStore store = emptyStore();
        try {
            store.setCertificateEntry("ca", ca.certificate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return store;
    }

    private KeyStore keyStore(Issued entry) {
        KeyStore store = emptyStore();
        try {
            store.setKeyEntry("key", entry.key(), PASSWORD, new Certificate[] {entry.certificate(), ca.certificate()});
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return store;
    }

    private static KeyStore emptyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Issued issue(String subject, Issued issuer, boolean isCa) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name name = new X500Name(subject);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuer == null
                        ? name
                        : new X500Name(
                                issuer.certificate().getSubjectX500Principal().getName()),
                BigInteger.valueOf(SERIAL.getAndIncrement()),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(30))),
                name,
                keys.getPublic());
        if (isCa) {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        } else {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
        }
        PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.key();
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        return new Issued(keys.getPrivate(), certificate);
    }
}
