package org.uketsuke.bridge.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.ConfirmationStatement;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalPatient;
import org.uketsuke.eligibility.medical.MedicalRecords;
import org.uketsuke.eligibility.medical.TreatmentAct;
import org.uketsuke.eligibility.wire.medical.MedicalXml;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/**
 * A レセコン's YZK/TKK request files in real folders, written as a public 連携アプリ consumer writes them (Shift_JIS,
 * no CharacterCodeIdentifier, no InformationCategory), answered through the real client and mock backend over mTLS.
 */
class MedicalFolderExchangeTest {

    private static final Charset SJIS = Charset.forName("Shift_JIS");

    @TempDir
    Path dir;

    static String request(Qualification q, String fileCategory, boolean drug, String fileId) {
        return "<?xml version=\"1.0\" encoding=\"Shift_JIS\" standalone=\"no\"?>\n<XmlMsg><MessageHeader>"
                + "<MedicalInstitutionCode>1311234567</MedicalInstitutionCode>"
                + "<InsurerNumber>" + q.card().insurer().value() + "</InsurerNumber>"
                + "<InsuranceCardSymbol>" + q.card().symbol() + "</InsuranceCardSymbol>"
                + "<InsuredPersonIdentificationNumber>" + q.card().number() + "</InsuredPersonIdentificationNumber>"
                + "<BranchNumber>" + q.card().branch() + "</BranchNumber>"
                + "<ArbitraryFileIdentifier>" + fileId + "</ArbitraryFileIdentifier></MessageHeader><MessageBody>"
                + (drug ? "<StartDate>20230101</StartDate><EndDate>20991231</EndDate>" : "")
                + "<FileCategory>" + fileCategory + "</FileCategory><PrDiInfClassification>1</PrDiInfClassification>"
                + "<MedicalTreatmentFlag>1</MedicalTreatmentFlag></MessageBody></XmlMsg>\n";
    }

    private static int personWithDrugs(MockBackend backend) {
        return IntStream.range(0, backend.people())
                .filter(i -> backend.medicalHistory(i, MedicalCategory.DRUG).size() > 5)
                .findFirst()
                .orElseThrow();
    }

    private static void confirm(MockBackend backend, HttpsEligibilityClient client, int person, Consents consents)
            throws Exception {
        IssuedCard card = backend.issueCard(person);
        NonceOutcome issued = client.nonce();
        assertThat(issued).as("a nonce was issued").isInstanceOf(NonceOutcome.Issued.class);
        byte[] nonce = ((NonceOutcome.Issued) issued).nonce();
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(card.authKey());
        // The card signs the confirmation statement: the nonce with the institution and the answers.
        rsa.update(
                new ConfirmationStatement(nonce, client.institutionCode(), consents, ConsentScenario.OUTPATIENT, null)
                        .bytes());
        assertThat(client.confirmByCard(new CardConfirmationRequest(
                        card.authCertDer(),
                        nonce,
                        rsa.sign(),
                        IdentityMethod.PIN,
                        consents,
                        "folder-" + System.nanoTime())))
                .isInstanceOf(ConfirmationOutcome.Confirmed.class);
    }

    @Test
    void drugAndCheckupRequestsAreAnsweredInTheResFolderAsTheOfficialAppDoes() throws Exception {
        Path req = dir.resolve("req");
        Path res = dir.resolve("res");
        Files.createDirectories(req);
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 9L, 30))) {
            HttpsEligibilityClient client =
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5));
            int person = personWithDrugs(backend);
            Qualification q = backend.person(person);
            confirm(
                    backend,
                    client,
                    person,
                    new Consents(Consent.YES, Consent.NO, Consent.NO, Consent.NO, Consent.NO, Consent.NO));
            MedicalFolderExchange exchange =
                    new MedicalFolderExchange(req, res, client, "1311234567", Clock.systemUTC());

            Files.write(
                    req.resolve("YZKsiquc01req_022612031000421.xml"),
                    request(q, "2", true, "421").getBytes(SJIS));
            Files.write(
                    req.resolve("YZKsiquc01req_012612031000421.xml"),
                    request(q, "1", true, "421").getBytes(SJIS));
            Files.write(
                    req.resolve("YZKsiquc01req_042612031000421.xml"),
                    request(q, "4", true, "421").getBytes(SJIS));
            Files.write(
                    req.resolve("YZKsiquc01req_032612031000421.xml"),
                    request(q, "03", true, "421").getBytes(SJIS));
            Files.write(
                    req.resolve("TKKsiquc01req_022612031000421.xml"),
                    request(q, "2", false, "421").getBytes(SJIS));
            Files.write(
                    req.resolve("TKKsiquc01req_042612031000421.xml"),
                    request(q, "4", false, "421").getBytes(SJIS));
            Files.write(
                    req.resolve("YZKsiquc01req_092612031000421.xml"),
                    request(q, "9", true, "421").getBytes(SJIS));
            Files.writeString(req.resolve("TKKsiquc01req_bad.xml"), "<XmlMsg><MessageHeader>not a request");
            Files.writeString(req.resolve("OQSsiquc01req_other.xml"), "left for the qualification exchange");

            FolderPass pass = exchange.processPending();

            assertThat(pass).isEqualTo(new FolderPass(5, 3, 0));
            byte[] drugs = Files.readAllBytes(res.resolve("YZKsiquc01res_022612031000421.xml"));
            assertThat(new String(drugs, SJIS))
                    .startsWith("<?xml version=\"1.0\" encoding=\"Shift_JIS\"")
                    .contains("<ResultCode>1</ResultCode>", "<ArbitraryFileIdentifier>421</ArbitraryFileIdentifier>");
            var served = (MedicalXml.Answer.Served) MedicalXml.parseAnswer(drugs);
            var expected = ((MedicalRecords.Drugs) backend.medicalHistory(person, MedicalCategory.DRUG))
                    .drugs().stream()
                            .filter(d -> !d.dispensed().isBefore(LocalDate.of(2023, 1, 1)))
                            .toList();
            assertThat(((MedicalRecords.Drugs) served.records()).drugs()).isEqualTo(expected);
            assertThat(((MedicalRecords.Drugs) served.records()).treatments()).isEmpty();
            // The patient header a clinic program files the records under (QuaInf), from the backend's answer.
            assertThat(served.patient()).isEqualTo(MedicalPatient.of(q));
            assertThat(new String(drugs, SJIS)).contains("<QuaInf>", "<Name>" + q.name() + "</Name>");

            byte[] withCare = Files.readAllBytes(res.resolve("YZKsiquc01res_042612031000421.xml"));
            var care = (MedicalRecords.Drugs) ((MedicalXml.Answer.Served) MedicalXml.parseAnswer(withCare)).records();
            assertThat(care.drugs()).isEqualTo(expected);
            assertThat(care.treatments())
                    .isNotEmpty()
                    .allSatisfy(a -> assertThat(a.date()).isAfterOrEqualTo(LocalDate.of(2023, 1, 1)))
                    .extracting(TreatmentAct::name)
                    .contains("処方箋料（その他）");
            assertThat(new String(withCare, SJIS)).contains("<MeTrInfs>", "<SinInfN>");
            assertThat(Files.readAllBytes(res.resolve("YZKsiquc01res_012612031000421.pdf")))
                    .startsWith("%PDF-".getBytes(StandardCharsets.US_ASCII));
            assertThat(Files.size(res.resolve("YZKsiquc01res_032612031000421.pdf")))
                    .as("the 薬剤+診療 PDF lists the acts of care too")
                    .isGreaterThan(Files.size(res.resolve("YZKsiquc01res_012612031000421.pdf")));
            var checkup = MedicalXml.parseAnswer(Files.readAllBytes(res.resolve("TKKsiquc01res_022612031000421.xml")));
            assertThat(checkup).isInstanceOfSatisfying(MedicalXml.Answer.Refused.class, r -> {
                assertThat(r.reason()).isEqualTo(MedicalXml.Refusal.NO_CONSENT);
                assertThat(r.consent()).isEqualTo(Consent.NO);
            });
            assertThat(new String(Files.readAllBytes(res.resolve("TKKsiquc01res_022612031000421.xml")), SJIS))
                    .doesNotContain("MeTrMonthInf", "SpecificHealthCheckupInfo");
            assertThat(res.resolve("YZKsiquc01req_092612031000421.err")).exists();
            assertThat(res.resolve("TKKsiquc01req_bad.err")).exists();
            assertThat(res.resolve("TKKsiquc01req_042612031000421.err")).exists();
            assertThat(req.resolve("OQSsiquc01req_other.xml")).exists();
            assertThat(req.resolve("done/YZKsiquc01req_022612031000421.xml")).exists();
        }
    }

    @Test
    void aRequestWaitsWhileTheSystemIsDownAndIsAnsweredOnceItIsBack() throws Exception {
        Path req = dir.resolve("req");
        Path res = dir.resolve("res");
        Files.createDirectories(req);
        Qualification q;
        int person;
        int port;
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 9L, 30))) {
            person = personWithDrugs(backend);
            q = backend.person(person);
            port = backend.baseUri().getPort();
        }
        HttpsEligibilityClient down;
        try (MockBackend stillDir = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 9L, 30))) {
            down = new HttpsEligibilityClient(
                    URI.create("https://127.0.0.1:" + port), stillDir.terminalTls(), Duration.ofSeconds(2));
        }
        Files.write(
                req.resolve("YZKsiquc01req_022612031000007.xml"),
                request(q, "2", true, "7").getBytes(SJIS));
        MedicalFolderExchange offline = new MedicalFolderExchange(req, res, down, "1311234567", Clock.systemUTC());
        assertThat(offline.processPending()).isEqualTo(new FolderPass(0, 0, 1));
        assertThat(req.resolve("YZKsiquc01req_022612031000007.xml")).exists();
        try (var files = Files.list(res)) {
            assertThat(files).isEmpty();
        }

        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 9L, 30))) {
            HttpsEligibilityClient client =
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5));
            confirm(backend, client, person, Consents.all(Consent.YES));
            MedicalFolderExchange online = new MedicalFolderExchange(req, res, client, "1311234567", Clock.systemUTC());
            assertThat(online.processPending()).isEqualTo(new FolderPass(1, 0, 0));
            assertThat(MedicalXml.parseAnswer(Files.readAllBytes(res.resolve("YZKsiquc01res_022612031000007.xml"))))
                    .isInstanceOf(MedicalXml.Answer.Served.class);
        }
    }
}
