package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.PrescriptionForm;
import org.uketsuke.eligibility.medical.ConsentPolicy;
import org.uketsuke.eligibility.medical.MedicalCategory;

/**
 * What the backend keeps between requests for speed gives what it computed per request: the terminal certificate's
 * institution ({@link Certificates#institutionOf}), the parsed card certificate ({@link Certificates#parse}) and the
 * per-thread cipher of {@link SignedDigests}; and the lookups and statements the stores keep.
 */
class RequestHelpersTest {

    @TempDir
    Path dir;

    @Test
    void theInstitutionIsTheTerminalCertificatesCnEveryTime() throws Exception {
        TestPki pki = TestPki.open(dir.resolve("pki"));
        X509Certificate terminal = pki.terminal().certificate();
        for (int i = 0; i < 3; i++) {
            assertThat(Certificates.institutionOf(terminal, "9999999999")).isEqualTo("1311234567");
        }
        // An equal certificate from its encoding (another object, as a new TLS session gives) answers the same.
        X509Certificate again = Certificates.parse(terminal.getEncoded());
        assertThat(Certificates.institutionOf(again, "")).isEqualTo("1311234567");
        // Without a TLS session the header's code stands; a certificate without a CN does not shadow it.
        assertThat(Certificates.institutionOf(null, "0123456789")).isEqualTo("0123456789");
        assertThat(Certificates.institutionOf(null, null)).isEmpty();
        X509Certificate noCn = pki.jpkiCa().certificate(); // C, O, OU only
        assertThat(Certificates.institutionOf(noCn, "0123456789")).isEqualTo("0123456789");
        assertThat(Certificates.institutionOf(pki.terminalCa().certificate(), ""))
                .isEqualTo("Uketsuke test medical institution terminal CA");
    }

    @Test
    void aParsedCertificateIsTheEncodedOne() throws Exception {
        TestPki pki = TestPki.open(dir.resolve("pki"));
        byte[] der = pki.server().certificate().getEncoded();
        assertThat(Certificates.parse(der).getEncoded()).isEqualTo(der);
        assertThat(Certificates.parse(pki.jpkiCa().certificate().getEncoded()))
                .isEqualTo(pki.jpkiCa().certificate());
    }

    @Test
    void theThreadsCipherRecoversEachKeysDigestAfterFailures() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair a = generator.generateKeyPair();
        generator.initialize(3072);
        KeyPair b = generator.generateKeyPair();
        byte[] message = "statement".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(message);
        byte[] byA = sign(a, message);
        byte[] byB = sign(b, message);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 20; i++) {
                        assertThat(SignedDigests.recover(a.getPublic(), byA)).contains(digest);
                        // another key's signature, a truncated one and garbage recover nothing ...
                        assertThat(SignedDigests.recover(a.getPublic(), byB)).isEmpty();
                        assertThat(SignedDigests.recover(b.getPublic(), java.util.Arrays.copyOf(byB, 100)))
                                .isEmpty();
                        assertThat(SignedDigests.recover(a.getPublic(), new byte[256]))
                                .isEmpty();
                        // ... and leave the thread's cipher good for the next key, of another size
                        assertThat(SignedDigests.recover(b.getPublic(), byB)).contains(digest);
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            threads.shutdown();
        }
    }

    /** The consents' kept statements bind each confirmation's own values, nulls included, as fresh ones did. */
    @Test
    void keptConsentStatementsRecordEachConfirmationWhole() {
        try (MedicalConsents consents = new MedicalConsents(ConsentPolicy.defaults(), dir.resolve("consents.db"))) {
            Instant first = Instant.parse("2026-12-06T01:00:00Z");
            consents.record(
                    "1311234567",
                    3,
                    Consents.all(Consent.YES),
                    ConsentScenario.OUTPATIENT,
                    PrescriptionForm.PAPER,
                    first);
            assertThat(consents.grant("1311234567", 3, MedicalCategory.DRUG))
                    .get()
                    .satisfies(g -> {
                        assertThat(g.answer()).isEqualTo(Consent.YES);
                        assertThat(g.givenAt()).isEqualTo(first);
                        assertThat(g.expiresAt()).isAfter(first);
                    });
            assertThat(consents.prescriptionForm("1311234567", 3)).contains(PrescriptionForm.PAPER);
            Instant second = first.plusSeconds(60);
            consents.record("1311234567", 3, Consents.none(), ConsentScenario.OUTPATIENT, null, second);
            for (MedicalCategory category : MedicalCategory.values()) {
                assertThat(consents.grant("1311234567", 3, category)).get().satisfies(g -> {
                    assertThat(g.answer()).isNotEqualTo(Consent.YES);
                    assertThat(g.givenAt()).isEqualTo(second);
                    assertThat(g.expiresAt()).isNull(); // a "no" kept no expiry of the earlier "yes"
                });
            }
            assertThat(consents.prescriptionForm("1311234567", 3)).isEmpty();
            assertThat(consents.grant("1311234567", 4, MedicalCategory.DRUG)).isEmpty();
            assertThat(consents.grant("9999999999", 3, MedicalCategory.DRUG)).isEmpty();
        }
    }

    private static byte[] sign(KeyPair keys, byte[] message) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(keys.getPrivate());
        rsa.update(message);
        return rsa.sign();
    }
}
