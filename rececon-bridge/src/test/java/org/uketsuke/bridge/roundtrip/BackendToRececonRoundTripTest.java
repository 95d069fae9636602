package org.uketsuke.bridge.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.Confirmation;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.csv.CsvExport;
import org.uketsuke.bridge.store.LocalPostgresCluster;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.ConfirmationStatement;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentKind;
import org.uketsuke.eligibility.ConsentRecord;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.PrescriptionForm;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.ResultMessage;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/**
 * The whole path of a result with every optional block present, through the real parts: a generated qualification
 * ({@link FullResults}) enrolled in the mock backend, its 照会番号 registered and a card confirmation asked through the
 * HTTPS client over mutual TLS (every consent given, a prescription-form choice), the answer handed to the bridge:
 * outbox → face folder → SQLite store and PostgreSQL store (a throwaway cluster) → CSV. Each face file is the very bytes
 * the backend sent (a Shift_JIS folder: the same message converted), and every field reaches both stores and the CSV.
 *
 * <p>{@value #CASES} generated cases alternate between a UTF-8 and a Shift_JIS face folder; {@code
 * -Duketsuke.roundtrip.cases=N} runs N ({@code -Duketsuke.roundtrip.seed} another seed; docs/reliability.md).
 */
class BackendToRececonRoundTripTest {

    private static final int CASES = 20;
    /** Every question answered yes, PMH's included (the clinic takes part). */
    private static final Consents EVERY_CONSENT = Consents.all(Consent.YES).withSubsidy(Consent.YES);
    /** The scenarios a patient consents under at a card reader (救急 views without one). */
    private static final List<ConsentScenario> SCENARIOS =
            List.of(ConsentScenario.OUTPATIENT, ConsentScenario.HOME_VISIT, ConsentScenario.ONLINE);

    @TempDir
    Path dir;

    /** One bridge and what it writes into: a face folder in one character set, its stores and CSV files. */
    private record Lane(Path root, Charset faceCharset, PostgresTarget postgres, RececonBridge bridge) {

        /** The SQLite store, opened as a レセコン opens it. */
        Connection sqlite() throws SQLException {
            return DriverManager.getConnection("jdbc:sqlite:" + root.resolve("rececon.db"));
        }

        /** The PostgreSQL store, over TLS verified against the cluster's CA as the bridge connects. */
        Connection postgresql() throws SQLException {
            return DriverManager.getConnection(postgres.jdbcUrl(), postgres.connectionProperties());
        }
    }

    /** What the backend sent for one case. */
    private record Sent(Lane lane, byte[] bytes, ResultMessage message) {}

    @Test
    void everyFieldTheBackendSendsReachesTheFaceFolderBothStoresAndTheCsv() throws Exception {
        int cases = Integer.getInteger("uketsuke.roundtrip.cases", CASES);
        long seed = Long.getLong("uketsuke.roundtrip.seed", 20261205L);
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Sent> sent = new HashMap<>();
        List<Lane> lanes = new ArrayList<>();
        try (LocalPostgresCluster cluster = LocalPostgresCluster.start();
                MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, seed, 1))) {
            HttpsEligibilityClient client = new HttpsEligibilityClient(
                    backend.baseUri(),
                    backend.terminalTls(),
                    Duration.ofSeconds(10),
                    FullResults.INSTITUTION,
                    Clock.systemUTC());
            lanes.add(lane(cluster, "utf8", StandardCharsets.UTF_8));
            lanes.add(lane(cluster, "sjis", Charset.forName("Shift_JIS")));
            try {
                for (int i = 0; i < cases; i++) {
                    String fileId = "rt" + seed + "-" + i;
                    Lane lane = lanes.get(i % lanes.size());
                    ConfirmationOutcome.Confirmed confirmed = confirmGenerated(backend, client, random, fileId);
                    byte[] bytes = backend.control().sentResult(fileId).orElseThrow();
                    assertThat(confirmed.received().orElseThrow().bytes())
                            .as("what the client received")
                            .isEqualTo(bytes);
                    lane.bridge()
                            .submit(new Confirmation(
                                    fileId, Instant.parse("2026-12-05T01:00:00Z"), IdentityMethod.PIN, confirmed));
                    sent.put(fileId, new Sent(lane, bytes, FullResults.parse(bytes)));
                }
                int delivered = 0;
                for (Lane lane : lanes) {
                    delivered += lane.bridge().drain();
                }
                assertThat(delivered).isEqualTo(cases);
            } finally {
                for (Lane lane : lanes) {
                    lane.bridge().close();
                }
            }
            for (Lane lane : lanes) {
                assertLane(lane, sent);
            }
        }
    }

    private Lane lane(LocalPostgresCluster cluster, String name, Charset faceCharset) throws Exception {
        Path root = dir.resolve(name);
        PostgresTarget postgres = cluster.newDatabase("roundtrip_" + name);
        BridgeConfig config = new BridgeConfig(
                        root.resolve("outbox.db"),
                        root.resolve("rececon.db"),
                        root.resolve("face"),
                        FullResults.INSTITUTION,
                        faceCharset)
                .withPostgres(postgres)
                .withCsvExport(new CsvExport(root.resolve("csv"), StandardCharsets.UTF_8));
        return new Lane(root, faceCharset, postgres, RececonBridge.open(config));
    }

    /**
     * Enrols a generated qualification, registers its 照会番号 as the clinic does, and confirms it by card (the PIN
     * path: the card signs the statement of the nonce, every consent and a prescription-form choice). The backend's
     * answer is the generated qualification itself with the consents just given.
     */
    private static ConfirmationOutcome.Confirmed confirmGenerated(
            MockBackend backend, HttpsEligibilityClient client, SplittableRandom random, String fileId)
            throws Exception {
        Qualification drawn = FullResults.qualification(random);
        // The patient says yes to PMH, so the 受給者証 block is there too.
        Qualification generated =
                drawn.withParticulars(drawn.particulars().withSubsidies(FullResults.providedSubsidies(random)));
        int person = backend.control().enrol(generated);
        assertThat(client.registerReferenceNumbers(List.of(new ReferenceRegistration(
                        generated.card(),
                        generated.birthdate(),
                        generated.referenceNumber().orElseThrow()))))
                .singleElement()
                .isInstanceOf(RegistrationOutcome.Registered.class);
        PrescriptionForm form = PrescriptionForm.values()[random.nextInt(PrescriptionForm.values().length)];
        ConsentScenario scenario = SCENARIOS.get(random.nextInt(SCENARIOS.size()));
        IssuedCard card = backend.issueCard(person);
        byte[] nonce = nonce(client);
        byte[] signature = sign(
                card.authKey(),
                new ConfirmationStatement(nonce, client.institutionCode(), EVERY_CONSENT, scenario, form).bytes());
        ConfirmationOutcome outcome = client.confirmByCard(new CardConfirmationRequest(
                card.authCertDer(), nonce, signature, IdentityMethod.PIN, EVERY_CONSENT, fileId, null, form, scenario));
        assertThat(outcome).as("confirmation of %s", fileId).isInstanceOf(ConfirmationOutcome.Confirmed.class);
        ConfirmationOutcome.Confirmed confirmed = (ConfirmationOutcome.Confirmed) outcome;
        Qualification answered = confirmed.qualification();
        assertThat(answered)
                .as("the backend answers the generated qualification")
                .isEqualTo(generated.withParticulars(generated
                        .particulars()
                        .withConsents(answered.particulars().consents())));
        assertEveryConsentWithItsTimes(answered);
        return confirmed;
    }

    /** Every kind given, each with its time, the viewing ones with the end of viewing: every consent element present. */
    private static void assertEveryConsentWithItsTimes(Qualification answered) {
        List<ConsentRecord> consents = answered.particulars().consents();
        assertThat(consents).extracting(ConsentRecord::kind).containsExactlyInAnyOrder(ConsentKind.values());
        for (ConsentRecord consent : consents) {
            assertThat(consent.flag()).isEqualTo(Consent.YES);
            assertThat(consent.consentTime()).matches("\\d{14}");
            if (consent.kind().expiring()) {
                assertThat(consent.expiry()).as("expiry of %s", consent.kind()).matches("\\d{14}");
            }
        }
    }

    private static void assertLane(Lane lane, Map<String, Sent> sent) throws Exception {
        try (Connection sqlite = lane.sqlite();
                Connection postgresql = lane.postgresql()) {
            assertLane(lane, sent, sqlite, postgresql);
        }
    }

    private static void assertLane(Lane lane, Map<String, Sent> sent, Connection sqlite, Connection postgresql)
            throws Exception {
        CharacterCode folderCode = CharacterCode.of(lane.faceCharset());
        Map<String, byte[]> faceFiles = FullResults.faceFilesByKey(lane.root().resolve("face"));
        Map<String, Map<String, String>> sqliteRows = FullResults.storeRows(sqlite);
        Map<String, Map<String, String>> postgresRows = FullResults.storeRows(postgresql);
        Map<String, Map<String, String>> csv = FullResults.csvRows(lane.root().resolve("csv"));
        int cases = 0;
        for (Map.Entry<String, Sent> e : sent.entrySet()) {
            if (!e.getValue().lane().root().equals(lane.root())) {
                continue;
            }
            cases++;
            String key = e.getKey();
            ResultMessage message = e.getValue().message();
            Qualification q = message.qualifications().getFirst();
            byte[] face = faceFiles.get(key);
            assertThat(face).as("face file of %s", key).isNotNull();
            if (message.characterCode() == folderCode) {
                assertThat(face)
                        .as("face file of %s", key)
                        .isEqualTo(e.getValue().bytes());
            } else {
                assertThat(FullResults.parse(face)).isEqualTo(message.withCharacterCode(folderCode));
            }
            FullResults.assertStore(sqliteRows.get(key), message, q);
            FullResults.assertStore(postgresRows.get(key), message, q);
            FullResults.assertChildren(sqlite, key, q);
            FullResults.assertChildren(postgresql, key, q);
            FullResults.assertCsv(csv.get(key), message, q);
        }
        assertThat(faceFiles).hasSize(cases);
        assertThat(sqliteRows).hasSize(cases);
        assertThat(postgresRows).hasSize(cases);
        assertThat(csv).hasSize(cases);
    }

    private static byte[] nonce(HttpsEligibilityClient client) {
        return switch (client.nonce()) {
            case NonceOutcome.Issued issued -> issued.nonce();
            case Unavailable unavailable -> throw new AssertionError("no nonce: " + unavailable);
        };
    }

    /** What the card does after the PIN: PKCS#1 v1.5 over the SHA-256 of the statement, with its auth key. */
    private static byte[] sign(PrivateKey key, byte[] statement) throws Exception {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(statement);
        return rsa.sign();
    }
}
