package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.TlsMaterial;

/** The terminal's TLS material from PEM files (and PKCS#12), used for real over mTLS against the backend. */
class TerminalPemTest {

    @TempDir
    static Path dir;

    private static MockBackend backend;
    private static PrivateKey key;
    private static Certificate[] chain;

    @BeforeAll
    static void start() throws Exception {
        backend = MockBackend.start(new MockBackendConfig(dir.resolve("state"), 0, 31L, 10));
        KeyStore store = backend.terminalTls().keyStore();
        String alias = Collections.list(store.aliases()).getFirst();
        key = (PrivateKey) store.getKey(alias, backend.terminalTls().keyPassword());
        chain = store.getCertificateChain(alias);
        Files.writeString(dir.resolve("terminal.key"), pem("PRIVATE KEY", key.getEncoded()));
        Files.writeString(
                dir.resolve("terminal-pkcs1.key"),
                pem(
                        "RSA PRIVATE KEY",
                        PrivateKeyInfo.getInstance(key.getEncoded())
                                .parsePrivateKey()
                                .toASN1Primitive()
                                .getEncoded()));
        StringBuilder certificates = new StringBuilder();
        for (Certificate c : chain) {
            certificates.append(pem("CERTIFICATE", c.getEncoded()));
        }
        Files.writeString(dir.resolve("terminal.crt"), "Bag Attributes: written by a CA tool\n" + certificates);
        KeyStore trust = backend.terminalTls().trustStore();
        Files.writeString(
                dir.resolve("server-ca.crt"),
                pem(
                        "CERTIFICATE",
                        trust.getCertificate(Collections.list(trust.aliases()).getFirst())
                                .getEncoded()));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static void confirmsWith(TlsMaterial tls) {
        HttpsEligibilityClient client = new HttpsEligibilityClient(backend.baseUri(), tls, Duration.ofSeconds(10));
        assertThat(TestCards.confirmWithPin(client, backend.issueCard(1)))
                .isInstanceOf(ConfirmationOutcome.Confirmed.class);
    }

    @Test
    void aPkcs8KeyAndACertificateChainInPemWorkOverMutualTls() {
        confirmsWith(TlsMaterial.fromPem(
                dir.resolve("terminal.key"), dir.resolve("terminal.crt"), dir.resolve("server-ca.crt")));
    }

    @Test
    void aPkcs1RsaKeyInPemWorksToo() {
        confirmsWith(TlsMaterial.fromPem(
                dir.resolve("terminal-pkcs1.key"), dir.resolve("terminal.crt"), dir.resolve("server-ca.crt")));
    }

    @Test
    void aPkcs12FileWithAPemTrustWorks() throws Exception {
        Path p12 = dir.resolve("terminal.p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("t", key, "secret".toCharArray(), chain);
        try (var out = Files.newOutputStream(p12)) {
            store.store(out, "secret".toCharArray());
        }
        confirmsWith(TlsMaterial.fromPkcs12(p12, "secret".toCharArray(), dir.resolve("server-ca.crt")));
        assertThatThrownBy(() -> TlsMaterial.fromPkcs12(p12, "wrong".toCharArray(), dir.resolve("server-ca.crt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("terminal.p12");
    }

    @Test
    void unusableFilesSayWhichAndWhy() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
        assertThatThrownBy(() -> TlsMaterial.fromPem(empty, dir.resolve("terminal.crt"), dir.resolve("server-ca.crt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty.pem")
                .hasMessageContaining("no PRIVATE KEY");
        assertThatThrownBy(() -> TlsMaterial.fromPem(dir.resolve("terminal.key"), empty, dir.resolve("server-ca.crt")))
                .hasMessageContaining("no CERTIFICATE block");
        Path encrypted = Files.writeString(dir.resolve("enc.key"), pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2, 3}));
        assertThatThrownBy(
                        () -> TlsMaterial.fromPem(encrypted, dir.resolve("terminal.crt"), dir.resolve("server-ca.crt")))
                .hasMessageContaining("encrypted");
        Path otherKey = dir.resolve("other.key");
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Files.writeString(
                otherKey,
                pem("PRIVATE KEY", generator.generateKeyPair().getPrivate().getEncoded()));
        assertThatThrownBy(
                        () -> TlsMaterial.fromPem(otherKey, dir.resolve("terminal.crt"), dir.resolve("server-ca.crt")))
                .hasMessageContaining("does not belong");
    }
}
