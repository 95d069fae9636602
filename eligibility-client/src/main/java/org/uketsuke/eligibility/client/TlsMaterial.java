package org.uketsuke.eligibility.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The terminal's TLS identity (client certificate + key, issued to the medical institution) and the CAs it trusts for
 * the server. Nothing else is trusted. Made from key stores, a PKCS#12 file ({@link #fromPkcs12}) or PEM files
 * ({@link #fromPem}), or a key store the OS or a token holds ({@link #fromKeyStore}); unusable files are an
 * {@link IllegalArgumentException} that says which file and why. How the server certificate's revocation is checked
 * is {@link #serverRevocation()} ({@link #withServerRevocation}).
 *
 * @param keyAlias the entry of {@code keyStore} that is the terminal's identity; empty: the store's only key entry
 */
public record TlsMaterial(
        KeyStore keyStore,
        char[] keyPassword,
        KeyStore trustStore,
        ServerRevocation serverRevocation,
        Optional<String> keyAlias) {

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");
    /** Password of the in-memory key store made from PEM files; it never leaves this process. */
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    public TlsMaterial {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyPassword, "keyPassword");
        Objects.requireNonNull(trustStore, "trustStore");
        Objects.requireNonNull(serverRevocation, "serverRevocation");
        Objects.requireNonNull(keyAlias, "keyAlias");
        keyPassword = keyPassword.clone();
    }

    public TlsMaterial(KeyStore keyStore, char[] keyPassword, KeyStore trustStore, ServerRevocation serverRevocation) {
        this(keyStore, keyPassword, trustStore, serverRevocation, Optional.empty());
    }

    /** Without a revocation check of the server certificate; production adds one with {@link #withServerRevocation}. */
    public TlsMaterial(KeyStore keyStore, char[] keyPassword, KeyStore trustStore) {
        this(keyStore, keyPassword, trustStore, new ServerRevocation.NotChecked());
    }

    /** The same identity and trust, checking the server certificate's revocation as {@code revocation} says. */
    public TlsMaterial withServerRevocation(ServerRevocation revocation) {
        return new TlsMaterial(keyStore, keyPassword, trustStore, revocation, keyAlias);
    }

    @Override
    public char[] keyPassword() {
        return keyPassword.clone();
    }

    @Override
    public String toString() {
        return "TlsMaterial[****]";
    }

    /**
     * From PEM files as CAs hand them out.
     *
     * @param privateKey an unencrypted {@code PRIVATE KEY} (PKCS#8, RSA or EC) or {@code RSA PRIVATE KEY} (PKCS#1)
     * @param certificateChain the terminal's {@code CERTIFICATE}, optionally followed by its CA certificates
     * @param trustedCas the CA certificate(s) of the backend's server certificate
     */
    public static TlsMaterial fromPem(Path privateKey, Path certificateChain, Path trustedCas) {
        PrivateKey key = readKey(privateKey);
        List<X509Certificate> chain = readCertificates(certificateChain);
        try {
            if (!keyMatches(key, chain.getFirst())) {
                throw new IllegalArgumentException(
                        privateKey + ": the key does not belong to the first certificate of " + certificateChain);
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("terminal", key, IN_MEMORY, chain.toArray(Certificate[]::new));
            return new TlsMaterial(keys, IN_MEMORY, trustStore(trustedCas));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(
                    "cannot use " + privateKey + " with " + certificateChain + ": " + e.getMessage(), e);
        }
    }

    /** From a PKCS#12 file holding the terminal key and certificate, and the server CA(s) as PEM. */
    public static TlsMaterial fromPkcs12(Path pkcs12, char[] password, Path trustedCas) {
        try (InputStream in = Files.newInputStream(pkcs12)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, password);
            return new TlsMaterial(keys, password, trustStore(trustedCas));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(
                    pkcs12 + ": not a PKCS#12 file this password opens (" + e.getMessage() + ")", e);
        }
    }

    /**
     * From a key store whose keys never leave it (a PKCS#11 token, the Windows certificate store), already loaded
     * (logged in): the entry {@code alias} is the terminal's key and certificate; the server CA(s) as PEM.
     */
    public static TlsMaterial fromKeyStore(KeyStore keys, char[] password, String alias, Path trustedCas) {
        try {
            return new TlsMaterial(
                    keys, password, trustStore(trustedCas), new ServerRevocation.NotChecked(), Optional.of(alias));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException(
                    trustedCas + ": cannot be used as trusted CAs (" + e.getMessage() + ")", e);
        }
    }

    private static KeyStore trustStore(Path trustedCas) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (X509Certificate ca : readCertificates(trustedCas)) {
            trust.setCertificateEntry("ca-" + i++, ca);
        }
        return trust;
    }

    private static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file)) {
                if (block.type().equals("CERTIFICATE")) {
                    certificates.add(
                            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(
                    file + ": a CERTIFICATE block is not a certificate (" + e.getMessage() + ")", e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException(file + ": no CERTIFICATE block");
        }
        return certificates;
    }

    private static PrivateKey readKey(Path file) {
        for (Block block : blocks(file)) {
            byte[] pkcs8 = switch (block.type()) {
                case "PRIVATE KEY" -> block.der();
                case "RSA PRIVATE KEY" -> rsaPkcs1ToPkcs8(block.der());
                case "ENCRYPTED PRIVATE KEY" ->
                    throw new IllegalArgumentException(file + ": an encrypted key; decrypt it or use a PKCS#12 file");
                default -> null;
            };
            if (pkcs8 == null) {
                continue;
            }
            for (String algorithm : List.of("RSA", "EC")) {
                try {
                    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                } catch (GeneralSecurityException e) {
                    // try the next algorithm
                }
            }
            throw new IllegalArgumentException(file + ": the key is neither RSA nor EC PKCS#8");
        }
        throw new IllegalArgumentException(file + ": no PRIVATE KEY or RSA PRIVATE KEY block");
    }

    private record Block(String type, byte[] der) {}

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = PEM.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": a " + m.group(1) + " block is not base64", e);
            }
        }
        return blocks;
    }

    /** PKCS#1 RSAPrivateKey wrapped as PKCS#8 PrivateKeyInfo (version 0, rsaEncryption with NULL parameters). */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] algorithm = {
            0x30,
            0x0d,
            0x06,
            0x09,
            0x2a,
            (byte) 0x86,
            0x48,
            (byte) 0x86,
            (byte) 0xf7,
            0x0d,
            0x01,
            0x01,
            0x01,
            0x05,
            0x00
        };
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(new byte[] {0x02, 0x01, 0x00});
        inner.writeBytes(algorithm);
        inner.write(0x04);
        inner.writeBytes(derLength(pkcs1.length));
        inner.writeBytes(pkcs1);
        ByteArrayOutputStream outer = new ByteArrayOutputStream();
        outer.write(0x30);
        outer.writeBytes(derLength(inner.size()));
        outer.writeBytes(inner.toByteArray());
        return outer.toByteArray();
    }

    private static byte[] derLength(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length < 0x100) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        if (length < 0x10000) {
            return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
        }
        return new byte[] {(byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
    }

    private static boolean keyMatches(PrivateKey key, X509Certificate certificate) throws GeneralSecurityException {
        String algorithm = key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        byte[] probe = "uketsuke-key-check".getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        try {
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false;
        }
    }
}
