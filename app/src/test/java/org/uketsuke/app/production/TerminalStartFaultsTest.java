package org.uketsuke.app.production;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigResult;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.terminal.TerminalStartException;
import org.uketsuke.eligibility.client.TlsMaterial;

/**
 * Configuration faults stop the terminal at start, naming the key to fix; they never wait to reach a patient as a
 * card problem. The start fails before the card service is asked, so no pcscd is needed.
 */
class TerminalStartFaultsTest {

    @TempDir
    Path dir;

    @Test
    void aTerminalKeyThatCannotSignAttestationsStopsATerminalOfferingTheVisualCheck() throws Exception {
        UketsukeConfig config = parse(configText("pin,visual"));
        assertThatThrownBy(() -> ProductionTerminal.start(config, Map.<String, String>of()::get))
                .isInstanceOfSatisfying(TerminalStartException.class, e -> {
                    assertThat(e.key()).isEqualTo("tls.key");
                    assertThat(e.describe()).contains("cannot sign");
                });
    }

    @Test
    void aTerminalKeyFileOthersCanReadStopsTheTerminalNamingTheFileAndTheFix() throws Exception {
        Path[] files = terminalFiles("RSA", "SHA256withRSA");
        Files.setPosixFilePermissions(files[0], PosixFilePermissions.fromString("rw-r--r--"));
        UketsukeConfig.Credentials.Pem pem = new UketsukeConfig.Credentials.Pem(files[0], files[1], files[1]);
        assertThatThrownBy(() -> ProductionTerminal.tls(pem, Map.<String, String>of()::get))
                .isInstanceOfSatisfying(TerminalStartException.class, e -> {
                    assertThat(e.key()).isEqualTo("tls.key");
                    assertThat(e.describe()).contains(files[0].toString(), "all users", "chmod 600", "他のユーザーが読めます");
                });

        Files.setPosixFilePermissions(files[0], PosixFilePermissions.fromString("rw-r-----"));
        PosixFileAttributeView view = Files.getFileAttributeView(files[0], PosixFileAttributeView.class);
        GroupPrincipal own = view.readAttributes().group();
        view.setGroup(files[0].getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName("nogroup"));
        assertThatThrownBy(() -> ProductionTerminal.tls(pem, Map.<String, String>of()::get))
                .as("readable by a group that is not the terminal user's own")
                .isInstanceOfSatisfying(
                        TerminalStartException.class,
                        e -> assertThat(e.describe()).contains("its group"));
        view.setGroup(own);
        assertThat(ProductionTerminal.tls(pem, Map.<String, String>of()::get))
                .as("readable by the terminal user's own group (the packages' root:uketsuke 0640 layout)")
                .isNotNull();

        Files.setPosixFilePermissions(files[0], PosixFilePermissions.fromString("rw-------"));
        assertThat(ProductionTerminal.tls(pem, Map.<String, String>of()::get)).isNotNull();
    }

    @Test
    void anRsaTerminalKeySignsAttestations() throws Exception {
        Path[] files = terminalFiles("RSA", "SHA256withRSA");
        UnaryOperator<byte[]> signer = ProductionTerminal.terminalSigner(
                TlsMaterial.fromPem(files[0], files[1], files[1]),
                new UketsukeConfig.Credentials.Pem(files[0], files[1], files[1]));
        assertThat(signer.apply(new byte[] {1, 2, 3})).hasSize(256);
    }

    /** An EC terminal key: good for TLS, no use for the RSA attestation signature. */
    private String configText(String checks) throws Exception {
        Path[] files = terminalFiles("EC", "SHA256withECDSA");
        Path key = files[0];
        Path cert = files[1];
        return """
                terminal.id=counter-7
                institution.code=1311234567
                reader=Virtual PCD 00 00
                camera=none
                kiosk.identity_checks=%s
                backend.url=https://backend.invalid:8443/
                tls.certificate=%s
                tls.key=%s
                tls.trusted_cas=%s
                data_dir=%s
                """.formatted(checks, cert, key, cert, dir.resolve("data"));
    }

    /** A self-signed terminal key and certificate as PEM files: {key, certificate}. */
    private Path[] terminalFiles(String algorithm, String signatureAlgorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (algorithm.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=counter-7");
        Instant now = Instant.now();
        byte[] certificate = new JcaX509v3CertificateBuilder(
                        name,
                        BigInteger.ONE,
                        Date.from(now.minus(1, ChronoUnit.DAYS)),
                        Date.from(now.plus(30, ChronoUnit.DAYS)),
                        name,
                        pair.getPublic())
                .build(new JcaContentSignerBuilder(signatureAlgorithm).build(pair.getPrivate()))
                .getEncoded();
        Path key = Files.writeString(
                dir.resolve(algorithm + ".key"),
                pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        return new Path[] {key, Files.writeString(dir.resolve(algorithm + ".crt"), pem("CERTIFICATE", certificate))};
    }

    private static UketsukeConfig parse(String text) {
        return switch (ConfigParser.parse(text)) {
            case ConfigResult.Ok ok -> ok.config();
            case ConfigResult.Invalid invalid -> throw new AssertionError(invalid.problems());
        };
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
