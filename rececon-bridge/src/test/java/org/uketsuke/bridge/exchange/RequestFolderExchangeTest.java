package org.uketsuke.bridge.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;
import org.uketsuke.mockbackend.Fault;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/** A レセコン's request files in real folders, answered through the real client and mock backend over mTLS. */
class RequestFolderExchangeTest {

    @TempDir
    Path dir;

    private static String request(Qualification q, String birthdate, String fileId, String encoding, String code) {
        return "<?xml version=\"1.0\" encoding=\"" + encoding + "\" standalone=\"no\"?>\n<XmlMsg><MessageHeader>"
                + "<ProcessExecutionTime>20261124090000</ProcessExecutionTime><MedicalInstitutionCode>1311234567</MedicalInstitutionCode>"
                + "<ArbitraryFileIdentifier>" + fileId
                + "</ArbitraryFileIdentifier><ReferenceClassification>2</ReferenceClassification>"
                + "<CharacterCodeIdentifier>" + code + "</CharacterCodeIdentifier></MessageHeader><MessageBody>"
                + "<QualificationConfirmSearchInfo><InsurerNumber>"
                + q.card().insurer().value() + "</InsurerNumber>"
                + "<InsuredCardSymbol>" + q.card().symbol() + "</InsuredCardSymbol>"
                + "<InsuredIdentificationNumber>" + q.card().number() + "</InsuredIdentificationNumber>"
                + "<InsuredBranchNumber>" + q.card().branch() + "</InsuredBranchNumber>"
                + "<Birthdate>" + birthdate + "</Birthdate>"
                + "<LimitApplicationCertificateRelatedConsFlg>0</LimitApplicationCertificateRelatedConsFlg>"
                + "</QualificationConfirmSearchInfo></MessageBody></XmlMsg>\n";
    }

    @Test
    void requestsAreAnsweredInTheResFolderLikeTheOfficialInterface() throws Exception {
        Path req = dir.resolve("req");
        Path res = dir.resolve("res");
        Files.createDirectories(req);
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 4L, 20))) {
            RequestFolderExchange exchange = new RequestFolderExchange(
                    req,
                    res,
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5)),
                    "1311234567",
                    Clock.systemUTC());
            Qualification person = backend.person(2);
            String birth = person.birthdate().toString().replace("-", "");
            Charset sjis = Charset.forName("Shift_JIS");
            Files.write(
                    req.resolve("OQSsiquc01req_0001.xml"),
                    request(person, birth, "visit-1", "Shift_JIS", "1").getBytes(sjis));
            Files.writeString(
                    req.resolve("OQSsiquc01req_0002.xml"), request(person, "19000101", "visit-2", "UTF-8", "0"));
            Files.writeString(req.resolve("OQSsiquc01req_0003.xml"), "<XmlMsg><MessageBody>not a request");

            FolderPass pass = exchange.processPending();

            assertThat(pass).isEqualTo(new FolderPass(2, 1, 0));
            byte[] first = Files.readAllBytes(res.resolve("OQSsiquc01res_0001.xml"));
            assertThat(new String(first, 0, 60, StandardCharsets.US_ASCII)).contains("Shift_JIS");
            ResultMessage answer = QualificationXml.parseResult(first);
            assertThat(answer.characterCode()).isEqualTo(CharacterCode.SHIFT_JIS);
            assertThat(answer.arbitraryFileIdentifier()).isEqualTo("visit-1");
            assertThat(answer.toOutcome())
                    .isInstanceOfSatisfying(
                            ConfirmationOutcome.Confirmed.class,
                            c -> assertThat(c.qualification().card()).isEqualTo(person.card()));
            assertThat(QualificationXml.parseResult(Files.readAllBytes(res.resolve("OQSsiquc01res_0002.xml")))
                            .toOutcome())
                    .isInstanceOfSatisfying(
                            ConfirmationOutcome.Rejected.class,
                            r -> assertThat(r.reason()).isEqualTo(RejectionReason.NO_QUALIFICATION));
            assertThat(res.resolve("OQSsiquc01req_0003.err")).exists();
            assertThat(req.resolve("done").resolve("OQSsiquc01req_0001.xml")).exists();
            assertThat(req.resolve("OQSsiquc01req_0001.xml")).doesNotExist();

            // The national system is down: the request waits in req, and is answered once it is back.
            backend.injectFault(new Fault.Status(503), Integer.MAX_VALUE);
            Files.writeString(req.resolve("OQSsiquc01req_0004.xml"), request(person, birth, "visit-4", "UTF-8", "0"));
            assertThat(exchange.processPending()).isEqualTo(new FolderPass(0, 0, 1));
            assertThat(req.resolve("OQSsiquc01req_0004.xml")).exists();
            backend.injectFault(new Fault.None(), 0);
            assertThat(exchange.processPending()).isEqualTo(new FolderPass(1, 0, 0));
            assertThat(res.resolve("OQSsiquc01res_0004.xml")).exists();
            try (var left = Files.list(res)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
            }
        }
    }
}
