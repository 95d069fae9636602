package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.stream.Stream;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's test PKI on disk: cheap to load, still owner-only and integrity-checked (docs/tuning.md, fifth round). */
class TestPkiTest {

    @TempDir
    static Path dir;

    static TestPki made;

    @BeforeAll
    static void make() {
        made = TestPki.open(dir);
    }

    @Test
    void filesAreOwnerOnlyAndUseOneIterationForTheirMac() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.toList()).hasSize(6).allSatisfy(file -> {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .as(file.toString())
                        .isEqualTo("rw-------");
                Pfx pfx = Pfx.getInstance(Files.readAllBytes(file));
                assertThat(pfx.getMacData()).as("still MAC-protected").isNotNull();
                assertThat(pfx.getMacData().getIterationCount()).isEqualTo(BigInteger.ONE);
            });
        }
        assertThat(System.getProperty("keystore.pkcs12.macIterationCount"))
                .as("the JDK's properties are put back")
                .isNull();
        assertThat(System.getProperty("keystore.pkcs12.certPbeIterationCount")).isNull();
    }

    @Test
    void aSecondOpenLoadsTheSameKeys() {
        TestPki again = TestPki.open(dir);
        assertThat(again.server().certificate()).isEqualTo(made.server().certificate());
        assertThat(again.terminal().key()).isEqualTo(made.terminal().key());
        assertThat(again.cardFaceIssuer().certificate())
                .isEqualTo(made.cardFaceIssuer().certificate());
    }

    @Test
    void theInMemoryTlsStoresHoldTheKeysWithTheirChains() throws Exception {
        KeyStore server = made.serverKeyStore();
        assertThat(server.getKey("key", TestPki.PASSWORD))
                .isEqualTo(made.server().key());
        assertThat(server.getCertificateChain("key"))
                .containsExactly(made.server().certificate(), made.tlsCa().certificate());
        assertThat(made.terminalKeyStore().getKey("key", TestPki.PASSWORD))
                .isEqualTo(made.terminal().key());
    }

    @Test
    void aTamperedFileIsRefused(@TempDir Path other) throws Exception {
        Path copy = other.resolve("server.p12");
        byte[] bytes = Files.readAllBytes(dir.resolve("server.p12"));
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(copy, bytes);
        KeyStore store = KeyStore.getInstance("PKCS12");
        assertThatThrownBy(() -> {
                    try (InputStream in = Files.newInputStream(copy)) {
                        store.load(in, TestPki.PASSWORD);
                    }
                })
                .isInstanceOf(IOException.class);
    }
}
