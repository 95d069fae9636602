package org.uketsuke.bridge.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.Fixtures;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.bridge.exchange.FolderPass;
import org.uketsuke.bridge.exchange.RequestFolderExchange;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Our files read the way public clinic-side consumers read the 連携アプリ's
 * (docs/spec-notes/eligibility.md#folders-and-files): a plain DOM parser, elements found by name wherever they are, the
 * encoding taken from the declaration, values as strings. And the other way: a request written the way レセコン write them
 * (Shift_JIS, elements in any order, a 6-digit 国保 insurer padded with spaces, no branch element) is answered.
 */
class FaceFolderCompatibilityTest {

    @TempDir
    Path dir;

    /** A consumer's parser: the JDK's DOM with DTDs refused, encoding from the XML declaration. */
    private static Document consumerParse(byte[] bytes) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    private static String text(Element parent, String name) {
        NodeList nodes = parent.getElementsByTagName(name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"UTF-8", "Shift_JIS"})
    void faceFilesHaveTheOfficialNameDeclarationHeaderAndBody(String encoding) throws Exception {
        Charset charset = Charset.forName(encoding);
        Path face = dir.resolve("face");
        try (RececonBridge bridge = RececonBridge.open(
                new BridgeConfig(dir.resolve("outbox.db"), null, face, Fixtures.INSTITUTION, charset))) {
            bridge.submit(Fixtures.confirmation("kokuho", Instant.parse("2026-12-03T00:30:00Z"), Fixtures.rich(7)));
            bridge.drain();
        }
        Path file;
        try (Stream<Path> files = Files.list(face)) {
            file = files.toList().getFirst();
        }
        assertThat(file.getFileName().toString())
                .matches("OQSsiquc01res_face_1311234567[0-9a-f]{20}_20261203093000\\.xml");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(new String(bytes, 0, 60, StandardCharsets.US_ASCII))
                .startsWith("<?xml version=\"1.0\" encoding=\"" + encoding + "\" standalone=\"no\"?>");
        assertThat(new String(bytes, charset)).contains("高齢　花子7");

        Document document = consumerParse(bytes);
        Element header =
                (Element) document.getElementsByTagName("MessageHeader").item(0);
        assertThat(text(header, "ProcessExecutionTime")).isEqualTo("20261203093000");
        assertThat(text(header, "QualificationConfirmationDate")).isEqualTo("20261203");
        assertThat(text(header, "MedicalInstitutionCode")).isEqualTo(Fixtures.INSTITUTION);
        assertThat(text(header, "ReferenceClassification")).isEqualTo("1");
        assertThat(text(header, "SegmentOfResult")).isEqualTo("1");
        assertThat(text(header, "CharacterCodeIdentifier")).isEqualTo(encoding.equals("UTF-8") ? "0" : "1");
        Element body = (Element) document.getElementsByTagName("MessageBody").item(0);
        assertThat(text(body, "ProcessingResultStatus")).isEqualTo("1");
        assertThat(text(body, "QualificationValidity")).isEqualTo("1");
        // One person: a ResultList holding exactly one ResultOfQualificationConfirmation (consumers that turn XML into
        // JSON see an object, not an array, here — the shape they already handle for the official app's files).
        Element list = (Element) body.getElementsByTagName("ResultList").item(0);
        NodeList results = list.getElementsByTagName("ResultOfQualificationConfirmation");
        assertThat(results.getLength()).isEqualTo(1);
        Element result = (Element) results.item(0);
        assertThat(text(result, "InsurerNumber"))
                .as("国保: 6 digits right-aligned in 8")
                .isEqualTo("  131045");
        assertThat(text(result, "InsuredCardSymbol")).isEqualTo("ア-12");
        assertThat(text(result, "InsuredIdentificationNumber")).isEqualTo("00457");
        assertThat(text(result, "PersonalFamilyClassification")).isEqualTo("1");
        assertThat(text(result, "Name")).isEqualTo("高齢　花子7");
        assertThat(text(result, "NameKana")).isEqualTo("ｺｳﾚｲ ﾊﾅｺ");
        assertThat(text(result, "Sex1")).isEqualTo("2");
        assertThat(text(result, "Birthdate")).isEqualTo("19540303");
        assertThat(text(result, "QualificationDate")).isEqualTo("20190401");
        assertThat(text(result, "InsuredPartialContributionRatio")).isEqualTo("020");
        assertThat(text(result, "ElderlyRecipientContributionRatio")).isEqualTo("020");
        assertThat(text(result, "LimitApplicationCertificateRelatedConsFlg")).isEqualTo("1");
        assertThat(text(result, "LimitApplicationCertificateClassificationFlag"))
                .isEqualTo("B04");
        assertThat(result.getElementsByTagName("SpecificDiseasesCertificateInfo")
                        .getLength())
                .isEqualTo(1);
        assertThat(text(result, "SpecificDiseasesSelfPay")).isEqualTo("10000");
        NodeList expenses = result.getElementsByTagName("PublicExpensePayerNumber");
        assertThat(IntStream.range(0, expenses.getLength())
                        .mapToObj(i -> expenses.item(i).getTextContent()))
                .containsExactly("54016027", "54016027");
    }

    @Test
    void aShuffledShiftJisRequestWithAPaddedKokuhoNumberIsAnswered() throws Exception {
        Path req = Files.createDirectories(dir.resolve("req"));
        Path res = dir.resolve("res");
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 4L, 60))) {
            Qualification kokuho = IntStream.range(0, 60)
                    .mapToObj(backend::person)
                    .filter(q -> q.card().insurer().nationalHealthInsurance())
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("the population has no 国保 member"));
            String template = new String(
                    getClass()
                            .getResourceAsStream("OQSsiquc01req_kokuho_shuffled.xml.utf8")
                            .readAllBytes(),
                    StandardCharsets.UTF_8);
            String request = template.replace(
                            "BIRTHDATE", kokuho.birthdate().toString().replace("-", ""))
                    .replace("NUMBER", kokuho.card().number())
                    .replace("SYMBOL", kokuho.card().symbol())
                    .replace("INSURER", "  " + kokuho.card().insurer().value());
            if (!kokuho.card().branch().isEmpty()) {
                request = request.replace(
                        "</InsurerNumber>",
                        "</InsurerNumber><InsuredBranchNumber>" + kokuho.card().branch() + "</InsuredBranchNumber>");
            }
            Files.write(req.resolve("OQSsiquc01req_0042.xml"), request.getBytes(Charset.forName("Shift_JIS")));

            RequestFolderExchange exchange = new RequestFolderExchange(
                    req,
                    res,
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5)),
                    Fixtures.INSTITUTION,
                    Clock.systemUTC());
            assertThat(exchange.processPending()).isEqualTo(new FolderPass(1, 0, 0));

            byte[] answer = Files.readAllBytes(res.resolve("OQSsiquc01res_0042.xml"));
            assertThat(new String(answer, 0, 60, StandardCharsets.US_ASCII)).contains("encoding=\"Shift_JIS\"");
            Document document = consumerParse(answer);
            Element root = document.getDocumentElement();
            assertThat(text(root, "ArbitraryFileIdentifier")).isEqualTo("受付-0042");
            assertThat(text(root, "CharacterCodeIdentifier")).isEqualTo("1");
            assertThat(text(root, "ReferenceClassification")).isEqualTo("2");
            assertThat(text(root, "QualificationValidity")).isEqualTo("1");
            assertThat(text(root, "InsurerNumber"))
                    .isEqualTo("  " + kokuho.card().insurer().value());
            assertThat(text(root, "Name")).isEqualTo(kokuho.name());
        }
    }

    @Test
    void theSampleRequestReallyIsShuffled() throws Exception {
        List<String> lines = Files.readAllLines(Path.of(
                getClass().getResource("OQSsiquc01req_kokuho_shuffled.xml.utf8").toURI()));
        assertThat(lines.indexOf("  <MessageBody>")).isLessThan(lines.indexOf("  <MessageHeader>"));
    }
}
