package org.uketsuke.bridge.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.wire.BulkXml;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.SafeXml;
import org.uketsuke.eligibility.wire.ServiceXml;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/** The 一括照会 through the folders, as a レセコン does it: upload, ReceptionNumber, fetch — over the real mTLS backend. */
class BatchFolderExchangeTest {

    @TempDir
    Path dir;

    private static String searchInfo(Qualification q, String birthdate, String patientId) {
        return "<QualificationConfirmSearchInfo><InsurerNumber>"
                + q.card().insurer().wire() + "</InsurerNumber>"
                + "<InsuredCardSymbol>" + q.card().symbol() + "</InsuredCardSymbol>"
                + "<InsuredIdentificationNumber>" + q.card().number() + "</InsuredIdentificationNumber>"
                + "<InsuredBranchNumber>" + q.card().branch() + "</InsuredBranchNumber>"
                + "<Birthdate>" + birthdate + "</Birthdate>"
                + "<LimitApplicationCertificateRelatedConsFlg>0</LimitApplicationCertificateRelatedConsFlg>"
                + "<ArbitraryIdentifier>" + patientId + "</ArbitraryIdentifier></QualificationConfirmSearchInfo>";
    }

    private static String message(String fileId, String code, String body) {
        return "<?xml version=\"1.0\" encoding=\"" + (code.equals("1") ? "Shift_JIS" : "UTF-8")
                + "\" standalone=\"no\"?>\n"
                + "<XmlMsg><MessageHeader><ProcessExecutionTime>20261203080000</ProcessExecutionTime>"
                + "<MedicalInstitutionCode>1311234567</MedicalInstitutionCode>"
                + "<ArbitraryFileIdentifier>" + fileId + "</ArbitraryFileIdentifier>"
                + "<CharacterCodeIdentifier>" + code + "</CharacterCodeIdentifier></MessageHeader>"
                + "<MessageBody>" + body + "</MessageBody></XmlMsg>\n";
    }

    @Test
    void aBookedDayIsUploadedGetsAReceptionNumberAndIsFetchedWithEveryResult() throws Exception {
        Path req = Files.createDirectories(dir.resolve("req"));
        Path res = dir.resolve("res");
        Charset sjis = Charset.forName("Shift_JIS");
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 7L, 30))) {
            RequestFolderExchange exchange = exchange(backend, req, res);
            List<Qualification> people = List.of(backend.person(1), backend.person(2), backend.person(3));
            StringBuilder list = new StringBuilder("<BulkConfirmList>");
            for (int i = 0; i < people.size(); i++) {
                Qualification q = people.get(i);
                list.append(searchInfo(q, q.birthdate().toString().replace("-", ""), "P" + i));
            }
            list.append(searchInfo(people.getFirst(), "19000101", "P-nobody")).append("</BulkConfirmList>");
            Files.write(
                    req.resolve("OQSmuquc01req_day1203.xml"),
                    message("upload-1203", "1", list.toString()).getBytes(sjis));

            assertThat(exchange.processPending()).isEqualTo(new FolderPass(1, 0, 0));
            byte[] uploaded = Files.readAllBytes(res.resolve("OQSmuquc01res_day1203.xml"));
            assertThat(new String(uploaded, 0, 60, StandardCharsets.US_ASCII)).contains("Shift_JIS");
            var uploadAnswer = SafeXml.parse(uploaded);
            assertThat(SafeXml.text(uploadAnswer, "ArbitraryFileIdentifier")).contains("upload-1203");
            assertThat(SafeXml.text(uploadAnswer, "CharacterCodeIdentifier")).contains("1");
            String reception = SafeXml.required(uploadAnswer, "ReceptionNumber");
            assertThat(reception).isNotBlank();
            assertThat(BulkXml.parseHeader(uploaded).segment()).isEqualTo(BulkXml.Segment.NORMAL);

            // The レセコン asks for the results until they are there.
            String fetch = message("fetch-1203", "0", "<ReceptionNumber>" + reception + "</ReceptionNumber>");
            BatchStatus status;
            int attempt = 0;
            do {
                Files.writeString(req.resolve("OQSmuquc02req_fetch" + attempt + ".xml"), fetch);
                assertThat(exchange.processPending().answered()).isEqualTo(1);
                status = QualificationXml.parseBatchStatus(
                        Files.readAllBytes(res.resolve("OQSmuquc02res_fetch" + attempt + ".xml")));
                attempt++;
                Thread.sleep(50);
            } while (status instanceof BatchStatus.Processing && attempt < 100);
            assertThat(status).isInstanceOfSatisfying(BatchStatus.Done.class, done -> {
                assertThat(done.results()).hasSize(4);
                for (int i = 0; i < people.size(); i++) {
                    int index = i;
                    assertThat(done.results().get(i).search().arbitraryIdentifier())
                            .isEqualTo("P" + i);
                    assertThat(done.results().get(i).outcome())
                            .isInstanceOfSatisfying(
                                    ConfirmationOutcome.Confirmed.class,
                                    c -> assertThat(c.qualification().card())
                                            .isEqualTo(people.get(index).card()));
                }
                assertThat(done.results().get(3).outcome()).isInstanceOf(ConfirmationOutcome.Rejected.class);
            });
            byte[] last = Files.readAllBytes(res.resolve("OQSmuquc02res_fetch" + (attempt - 1) + ".xml"));
            assertThat(SafeXml.text(SafeXml.parse(last), "ArbitraryFileIdentifier"))
                    .contains("fetch-1203");
            // Three found, one not: all four processed normally (the fourth with QualificationValidity 4).
            assertThat(BulkXml.parseHeader(last).counts()).isEqualTo(new BulkXml.Counts(4, 4, 0));
        }
    }

    @Test
    void anUnknownReceptionNumberAndAnEmptyUploadAreRefusedWithErrFilesAndAnOutageDefers() throws Exception {
        Path req = Files.createDirectories(dir.resolve("req"));
        Path res = dir.resolve("res");
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 7L, 10))) {
            RequestFolderExchange exchange = exchange(backend, req, res);
            Files.writeString(
                    req.resolve("OQSmuquc02req_x.xml"), message("x", "0", "<ReceptionNumber>NOPE-1</ReceptionNumber>"));
            Files.writeString(
                    req.resolve("OQSmuquc01req_empty.xml"), message("e", "0", "<BulkConfirmList></BulkConfirmList>"));
            assertThat(exchange.processPending()).isEqualTo(new FolderPass(0, 2, 0));
            assertThat(res.resolve("OQSmuquc02req_x.err")).content().contains("NOPE-1");
            assertThat(res.resolve("OQSmuquc01req_empty.err")).exists();

            Qualification q = backend.person(1);
            // The line to the national system is down (nothing listens where the terminal calls): the upload waits.
            int deadPort;
            try (ServerSocket probe = new ServerSocket(0)) {
                deadPort = probe.getLocalPort();
            }
            RequestFolderExchange offline = new RequestFolderExchange(
                    req,
                    res,
                    new HttpsEligibilityClient(
                            URI.create("https://127.0.0.1:" + deadPort + "/"),
                            backend.terminalTls(),
                            Duration.ofSeconds(2)),
                    "1311234567",
                    Clock.systemUTC());
            Files.writeString(
                    req.resolve("OQSmuquc01req_later.xml"),
                    message(
                            "l",
                            "0",
                            "<BulkConfirmList>"
                                    + searchInfo(q, q.birthdate().toString().replace("-", ""), "P1")
                                    + "</BulkConfirmList>"));
            Files.writeString(
                    req.resolve("OQSmuquc02req_later.xml"),
                    message("l2", "0", "<ReceptionNumber>R-1</ReceptionNumber>"));
            assertThat(offline.processPending()).isEqualTo(new FolderPass(0, 0, 2));
            assertThat(req.resolve("OQSmuquc01req_later.xml")).exists();
            assertThat(req.resolve("OQSmuquc02req_later.xml")).exists();
            Files.delete(req.resolve("OQSmuquc02req_later.xml"));
            assertThat(exchange.processPending()).isEqualTo(new FolderPass(1, 0, 0));
            assertThat(res.resolve("OQSmuquc01res_later.xml")).exists();
        }
    }

    @Test
    void theMedicalAidAndHomeVisitBulkExchangesTakeTheirTwoStepsAndAWrongFlagIsRefused() throws Exception {
        Path req = Files.createDirectories(dir.resolve("req"));
        Path res = dir.resolve("res");
        Charset sjis = Charset.forName("Shift_JIS");
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 7L, 30))) {
            RequestFolderExchange exchange = exchange(backend, req, res);
            // The mock's 医療扶助 recipients hold a 医療券 for the population's reference month (2026-04).
            Files.write(
                    req.resolve("OQSmutic01req_202604010001.xml"),
                    bulkRequest("aid-1", "<MedicalTreatmentMonth>202604</MedicalTreatmentMonth>")
                            .getBytes(sjis));
            Files.write(
                    req.resolve("OQSmuhvq01req_202611300001.xml"),
                    bulkRequest(
                                    "visit-1",
                                    "<ConsentDateFrom>20261101</ConsentDateFrom><ConsentDateTo>20261130</ConsentDateTo>"
                                            + "<MedicalTreatmentFlag>2</MedicalTreatmentFlag>")
                            .getBytes(sjis));
            Files.write(
                    req.resolve("OQSmuonq01req_202611300002.xml"),
                    bulkRequest(
                                    "online-wrong",
                                    "<ConsentDateFrom>20261101</ConsentDateFrom><ConsentDateTo>20261130</ConsentDateTo>"
                                            + "<MedicalTreatmentFlag>2</MedicalTreatmentFlag>")
                            .getBytes(sjis));
            assertThat(exchange.processPending()).isEqualTo(new FolderPass(2, 1, 0));
            assertThat(res.resolve("OQSmuonq01req_202611300002.err")).content().contains("MedicalTreatmentFlag");

            BatchStatus aid = fetch(exchange, req, res, "OQSmutic", "202604010001");
            assertThat(aid)
                    .isInstanceOfSatisfying(
                            BatchStatus.Done.class,
                            done -> assertThat(done.results())
                                    .isNotEmpty()
                                    .allSatisfy(r -> assertThat(r.outcome())
                                            .isInstanceOfSatisfying(
                                                    ConfirmationOutcome.Confirmed.class,
                                                    c -> assertThat(c.qualification()
                                                                    .particulars()
                                                                    .medicalTickets())
                                                            .isNotEmpty())));
            // Nobody consented to home-visit viewing here: the batch is done and empty.
            assertThat(fetch(exchange, req, res, "OQSmuhvq", "202611300001"))
                    .isInstanceOfSatisfying(
                            BatchStatus.Done.class,
                            done -> assertThat(done.results()).isEmpty());
        }
    }

    private static RequestFolderExchange exchange(MockBackend backend, Path req, Path res) {
        return new RequestFolderExchange(
                req,
                res,
                new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5)),
                "1311234567",
                Clock.systemUTC());
    }

    private static String bulkRequest(String fileId, String selection) {
        return "<?xml version=\"1.0\" encoding=\"Shift_JIS\" standalone=\"no\"?>\n<XmlMsg><MessageHeader>"
                + "<MedicalInstitutionCode>1311234567</MedicalInstitutionCode><ArbitraryFileIdentifier>" + fileId
                + "</ArbitraryFileIdentifier></MessageHeader><MessageBody><QualificationConfirmSearchInfo>" + selection
                + "</QualificationConfirmSearchInfo></MessageBody></XmlMsg>\n";
    }

    /** The second step as a レセコン takes it: the number from {@code 01res}, asked for until the results are there. */
    private static BatchStatus fetch(RequestFolderExchange exchange, Path req, Path res, String prefix, String id)
            throws Exception {
        byte[] uploaded = Files.readAllBytes(res.resolve(prefix + "01res_" + id + ".xml"));
        assertThat(new String(uploaded, 0, 60, StandardCharsets.US_ASCII)).contains("Shift_JIS");
        String reception = BulkXml.parseHeader(uploaded).receptionNumber();
        BatchStatus status;
        int attempt = 0;
        do {
            String name = prefix + "02req_" + id + attempt;
            Files.writeString(
                    req.resolve(name + ".xml"),
                    message("f" + attempt, "0", "<ReceptionNumber>" + reception + "</ReceptionNumber>"));
            assertThat(exchange.processPending().answered()).isEqualTo(1);
            status = QualificationXml.parseBatchStatus(
                    Files.readAllBytes(res.resolve(prefix + "02res_" + id + attempt + ".xml")));
            attempt++;
            Thread.sleep(20);
        } while (status instanceof BatchStatus.Processing && attempt < 100);
        return status;
    }

    @Test
    void referenceNumbersAreRegisteredOneOrManyAndLaterAnswersCarryThem() throws Exception {
        Path req = Files.createDirectories(dir.resolve("req"));
        Path res = dir.resolve("res");
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 7L, 30))) {
            RequestFolderExchange exchange = exchange(backend, req, res);
            Qualification one = backend.person(4);
            Qualification two = backend.person(5);
            Files.write(
                    req.resolve("OQSsiimm01req_k4.xml"),
                    message(
                                    "reg-k4",
                                    "1",
                                    "<ReferenceNumberRegistrationList>" + registration(one, "K-4")
                                            + "</ReferenceNumberRegistrationList>")
                            .getBytes(Charset.forName("Shift_JIS")));
            Files.writeString(
                    req.resolve("OQSmuimm01req_many.xml"),
                    message(
                            "reg-many",
                            "0",
                            "<ReferenceNumberRegistrationList>" + registration(two, "K-5")
                                    + registration(one, "K-X")
                                            .replace(one.birthdate().toString().replace("-", ""), "19000101")
                                    + "</ReferenceNumberRegistrationList>"));
            Files.writeString(
                    req.resolve("OQSsiimm01req_two.xml"),
                    message(
                            "reg-two",
                            "0",
                            "<ReferenceNumberRegistrationList>" + registration(one, "K-4") + registration(two, "K-5")
                                    + "</ReferenceNumberRegistrationList>"));

            assertThat(exchange.processPending()).isEqualTo(new FolderPass(2, 1, 0));
            byte[] single = Files.readAllBytes(res.resolve("OQSsiimm01res_k4.xml"));
            assertThat(new String(single, 0, 60, StandardCharsets.US_ASCII)).contains("Shift_JIS");
            assertThat(SafeXml.text(SafeXml.parse(single), "ArbitraryFileIdentifier"))
                    .contains("reg-k4");
            assertThat(ServiceXml.parseReferenceResults(single))
                    .singleElement()
                    .isInstanceOf(RegistrationOutcome.Registered.class);
            byte[] uploaded = Files.readAllBytes(res.resolve("OQSmuimm01res_many.xml"));
            assertThat(ServiceXml.parseReferenceResults(uploaded)).hasSize(2).satisfies(outcomes -> {
                assertThat(outcomes.get(0)).isInstanceOf(RegistrationOutcome.Registered.class);
                assertThat(outcomes.get(1)).isInstanceOf(RegistrationOutcome.Rejected.class);
            });
            assertThat(res.resolve("OQSsiimm01req_two.err")).content().contains("OQSmuimm01req");

            // The batch's second step: its results by the reception number the first answer carries.
            BulkXml.AnswerHeader header = BulkXml.parseHeader(uploaded);
            assertThat(header.counts()).isEqualTo(new BulkXml.Counts(2, 1, 1));
            Files.write(
                    req.resolve("OQSmuimm02req_many.xml"),
                    message("fetch-many", "1", "<ReceptionNumber>" + header.receptionNumber() + "</ReceptionNumber>")
                            .getBytes(Charset.forName("Shift_JIS")));
            Files.writeString(
                    req.resolve("OQSmuimm02req_unknown.xml"),
                    message("fetch-x", "0", "<ReceptionNumber>UKM2026010100000000</ReceptionNumber>"));
            assertThat(exchange.processPending()).isEqualTo(new FolderPass(1, 1, 0));
            byte[] fetched = Files.readAllBytes(res.resolve("OQSmuimm02res_many.xml"));
            assertThat(BulkXml.parseHeader(fetched).receptionNumber()).isEqualTo(header.receptionNumber());
            assertThat(SafeXml.text(SafeXml.parse(fetched), "ArbitraryFileIdentifier"))
                    .contains("fetch-many");
            assertThat(ServiceXml.parseReferenceResults(fetched))
                    .extracting(Object::getClass)
                    .containsExactly(RegistrationOutcome.Registered.class, RegistrationOutcome.Rejected.class);
            assertThat(res.resolve("OQSmuimm02req_unknown.err")).content().contains("UKM2026010100000000");

            // The next confirmation by insurance number carries the clinic's number.
            Files.writeString(
                    req.resolve("OQSsiquc01req_after.xml"),
                    message(
                            "after",
                            "0",
                            searchInfo(one, one.birthdate().toString().replace("-", ""), "x")));
            exchange.processPending();
            assertThat(SafeXml.text(
                            SafeXml.parse(Files.readAllBytes(res.resolve("OQSsiquc01res_after.xml"))),
                            "ReferenceNumber"))
                    .contains("K-4");
        }
    }

    private static String registration(Qualification q, String number) {
        return "<ReferenceNumberRegistrationInfo><InsurerNumber>"
                + q.card().insurer().wire() + "</InsurerNumber>"
                + "<InsuredCardSymbol>" + q.card().symbol() + "</InsuredCardSymbol>"
                + "<InsuredIdentificationNumber>" + q.card().number() + "</InsuredIdentificationNumber>"
                + "<InsuredBranchNumber>" + q.card().branch() + "</InsuredBranchNumber>"
                + "<Birthdate>" + q.birthdate().toString().replace("-", "") + "</Birthdate>"
                + "<ReferenceNumber>" + number + "</ReferenceNumber></ReferenceNumberRegistrationInfo>";
    }
}
