package org.uketsuke.mockbackend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.PBEParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The backend's test PKI, made with BouncyCastle on first start and kept in the state directory as PKCS#12:
 * <ul>
 *   <li>a test JPKI user-authentication CA ({@code O=JPKI-TEST}) that issues card auth certificates with the real
 *       profile (RSA 2048, sha256WithRSA, subject {@code C=JP, CN=<opaque id>}, no personal data);</li>
 *   <li>a server TLS CA that issues the server certificate (SAN localhost and 127.0.0.1): what terminals trust;</li>
 *   <li>a terminal CA that issues terminal (medical institution) client certificates: what the server trusts, and
 *       nothing else;</li>
 *   <li>a test card-face issuer, a key of its own (not the JPKI CA's), that signs the card face (DF28) of the virtual
 *       cards (docs/spec-notes/card.md#what-the-issuer-signs).</li>
 * </ul>
 * The key stores' password is a fixed, public test value: this is test material, never real keys.
 */
public final class TestPki {

    static final char[] PASSWORD = "uketsuke-test".toCharArray();
    static final X500Name JPKI_CA_NAME = new X500Name(
            "C=JP, O=JPKI-TEST, OU=JPKI for user authentication, OU=Japan Agency for Local Authority Information Systems");
    private static final X500Name TLS_CA_NAME = new X500Name("C=JP, O=Uketsuke Test, CN=Uketsuke mock backend TLS CA");
    private static final X500Name CARD_FACE_ISSUER_NAME =
            new X500Name("C=JP, O=Uketsuke Test, CN=Uketsuke test card-face issuer (not J-LIS)");
    private static final X500Name TERMINAL_CA_NAME =
            new X500Name("C=JP, O=Uketsuke Test, CN=Uketsuke test medical institution terminal CA");

    /** The JDK's PKCS#12 iteration counts for a file's MAC and certificates ({@code keystore.pkcs12.*} properties). */
    private static final List<String> CHEAP_PKCS12 =
            List.of("keystore.pkcs12.macIterationCount", "keystore.pkcs12.certPbeIterationCount");

    private final SecureRandom random = new SecureRandom();
    private final Entry jpkiCa;
    private final Entry tlsCa;
    private final Entry terminalCa;
    private final Entry server;
    private final Entry terminal;
    private final Entry cardFaceIssuer;

    /** A key with its certificate. */
    public record Entry(PrivateKey key, X509Certificate certificate) {}

    private TestPki(Path dir) throws GeneralSecurityException, IOException {
        Files.createDirectories(dir);
        jpkiCa = loadOrCreate(
                dir.resolve("jpki-test-ca.p12"), () -> selfSignedCa(JPKI_CA_NAME, Duration.ofDays(3650 * 2)));
        tlsCa = loadOrCreate(dir.resolve("tls-ca.p12"), () -> selfSignedCa(TLS_CA_NAME, Duration.ofDays(3650)));
        server = loadOrCreate(dir.resolve("server.p12"), this::serverCertificate);
        Path terminalCaFile = dir.resolve("terminal-ca.p12");
        if (!Files.exists(terminalCaFile)) {
            // State from before the terminal CA existed holds a terminal certificate of the server CA: issue anew.
            Files.deleteIfExists(dir.resolve("terminal.p12"));
        }
        terminalCa = loadOrCreate(terminalCaFile, () -> selfSignedCa(TERMINAL_CA_NAME, Duration.ofDays(3650)));
        terminal = loadOrCreate(dir.resolve("terminal.p12"), () -> terminalCertificate("1311234567"));
        cardFaceIssuer = loadOrCreate(
                dir.resolve("card-face-issuer.p12"), () -> selfSignedCa(CARD_FACE_ISSUER_NAME, Duration.ofDays(3650)));
    }

    public static TestPki open(Path dir) {
        try {
            return new TestPki(dir);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the test PKI", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the test PKI in " + dir, e);
        }
    }

    public Entry jpkiCa() {
        return jpkiCa;
    }

    public Entry tlsCa() {
        return tlsCa;
    }

    public Entry terminalCa() {
        return terminalCa;
    }

    public Entry server() {
        return server;
    }

    public Entry terminal() {
        return terminal;
    }

    /** The test card-face issuer: its certificate is what terminals and the backend trust for DF28. */
    public Entry cardFaceIssuer() {
        return cardFaceIssuer;
    }

    /** A card auth certificate for a fresh key pair: the profile of docs/spec-notes/card.md#auth-certificate. */
    public Entry issueCardCertificate(String opaqueId, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        KeyPair keys = rsa2048();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                JPKI_CA_NAME,
                serial(),
                Date.from(notBefore),
                Date.from(notAfter),
                new X500Name("C=JP, CN=" + opaqueId),
                keys.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        try {
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(jpkiCa.certificate()));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return new Entry(keys.getPrivate(), sign(builder, jpkiCa.key()));
    }

    /** A terminal's client key store: its certificate (with the terminal CA) and key. */
    public KeyStore terminalKeyStore() {
        return keyStore(terminal, terminalCa.certificate());
    }

    public KeyStore serverKeyStore() {
        return keyStore(server, tlsCa.certificate());
    }

    /** What terminals trust: the server TLS CA only. */
    public KeyStore tlsTrustStore() {
        return trustStore("tls-ca", tlsCa);
    }

    /** What the server trusts for client certificates: the terminal CA only. */
    public KeyStore terminalTrustStore() {
        return trustStore("terminal-ca", terminalCa);
    }

    private static KeyStore trustStore(String alias, Entry ca) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry(alias, ca.certificate());
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another terminal's client key store, with a fresh certificate of the terminal CA for that institution. */
    public KeyStore issueTerminalKeyStore(String institutionCode) throws GeneralSecurityException {
        return keyStore(terminalCertificate(institutionCode), terminalCa.certificate());
    }

    /** A terminal key store whose certificate (of the terminal CA) has this validity, e.g. one that has expired. */
    public KeyStore issueTerminalKeyStore(String institutionCode, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        return keyStore(terminalCertificate(institutionCode, notBefore, notAfter), terminalCa.certificate());
    }

    /**
     * A server key store whose certificate (same names, same CA) expired yesterday: for the "expired server
     * certificate" fault. Made fresh on each call, never stored.
     */
    public KeyStore expiredServerKeyStore() {
        try {
            Instant now = Instant.now();
            return keyStore(
                    serverCertificate(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(1))),
                    tlsCa.certificate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private Entry serverCertificate() throws GeneralSecurityException {
        Instant now = Instant.now();
        return serverCertificate(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(825)));
    }

    private Entry serverCertificate(Instant notBefore, Instant notAfter) throws GeneralSecurityException {
        KeyPair keys = rsa2048();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                TLS_CA_NAME,
                serial(),
                Date.from(notBefore),
                Date.from(notAfter),
                new X500Name("C=JP, O=Uketsuke Test, CN=localhost"),
                keys.getPublic());
        try {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")
            }));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return new Entry(keys.getPrivate(), sign(builder, tlsCa.key()));
    }

    private Entry terminalCertificate(String institutionCode) throws GeneralSecurityException {
        Instant now = Instant.now();
        return terminalCertificate(institutionCode, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(825)));
    }

    private Entry terminalCertificate(String institutionCode, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        KeyPair keys = rsa2048();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                TERMINAL_CA_NAME,
                serial(),
                Date.from(notBefore),
                Date.from(notAfter),
                new X500Name("C=JP, O=Uketsuke Test Clinic, CN=" + institutionCode),
                keys.getPublic());
        try {
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return new Entry(keys.getPrivate(), sign(builder, terminalCa.key()));
    }

    private Entry selfSignedCa(X500Name name, Duration validity) throws GeneralSecurityException {
        KeyPair keys = rsa2048();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                name,
                serial(),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(validity)),
                name,
                keys.getPublic());
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return new Entry(keys.getPrivate(), sign(builder, keys.getPrivate()));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private KeyPair rsa2048() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048, random);
        return generator.generateKeyPair();
    }

    private BigInteger serial() {
        return new BigInteger(64, random).abs().add(BigInteger.ONE);
    }

    private interface Maker {
        Entry make() throws GeneralSecurityException;
    }

    /** The key's protection: PKCS#12's default algorithm (PBES2, HmacSHA256, AES-256) with one PBKDF2 iteration. */
    private static KeyStore.PasswordProtection oneIteration(SecureRandom random) {
        byte[] salt = new byte[16];
        byte[] iv = new byte[16];
        random.nextBytes(salt);
        random.nextBytes(iv);
        return new KeyStore.PasswordProtection(
                PASSWORD, "PBEWithHmacSHA256AndAES_256", new PBEParameterSpec(salt, 1, new IvParameterSpec(iv)));
    }

    private static Entry loadOrCreate(Path file, Maker maker) throws GeneralSecurityException, IOException {
        if (Files.exists(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                store.load(in, PASSWORD);
            }
            return new Entry(
                    (PrivateKey) store.getKey("entry", PASSWORD), (X509Certificate) store.getCertificate("entry"));
        }
        Entry entry = maker.make();
        // createTempFile makes the file owner-only (0600 on POSIX); the move keeps that.
        Path temp = Files.createTempFile(file.getParent(), ".pki", ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            storeCheaply(entry, out);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return entry;
    }

    /**
     * Stores the entry as PKCS#12 with one PBKDF2 iteration (instead of the JDK's 10,000) for its MAC, its
     * certificate's and its key's encryption. The password is a fixed public value, so stretching it protects
     * nothing here: what keeps these test keys private is the owner-only file in the user's state directory. At
     * 10,000 iterations each, loading the six files took ≈ 0.8 s of a cold demo start (docs/tuning.md, fifth round).
     * The JDK takes the MAC's and the certificates' counts from these properties only (read when the store is
     * written), so they are set for that moment and put back; the key's is the entry's own protection. A PKCS#12 store another thread wrote in that instant would get
     * them too: this runs only when a test PKI is first made (the demo, training, tests), never in the product,
     * which does not contain this module.
     */
    private static void storeCheaply(Entry entry, OutputStream out) throws GeneralSecurityException, IOException {
        synchronized (TestPki.class) {
            Map<String, String> before = new HashMap<>();
            for (String property : CHEAP_PKCS12) {
                before.put(property, System.getProperty(property));
                System.setProperty(property, "1");
            }
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setEntry(
                        "entry",
                        new KeyStore.PrivateKeyEntry(entry.key(), new Certificate[] {entry.certificate()}),
                        oneIteration(new SecureRandom()));
                store.store(out, PASSWORD);
            } finally {
                before.forEach((property, value) -> {
                    if (value == null) {
                        System.clearProperty(property);
                    } else {
                        System.setProperty(property, value);
                    }
                });
            }
        }
    }

    /**
     * An in-memory key store for a TLS side. Its key is encrypted with one PBKDF2 iteration: the JDK's 10,000 (once
     * here, once more when the TLS context reads the key) protect nothing in memory, and the server's and the
     * terminal's stores took ≈ 20 % of the demo's start thread after the files had become cheap (docs/tuning.md).
     */
    private KeyStore keyStore(Entry entry, X509Certificate ca) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setEntry(
                    "key",
                    new KeyStore.PrivateKeyEntry(entry.key(), new Certificate[] {entry.certificate(), ca}),
                    oneIteration(random));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
