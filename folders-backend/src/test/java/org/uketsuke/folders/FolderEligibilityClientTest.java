package org.uketsuke.folders;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.BatchSubmission;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalOutcome;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.SafeXml;
import org.w3c.dom.NodeList;

/**
 * The folders backend against the 連携アプリ's folder behaviour (rececon-bridge's exchanges over the real mock backend):
 * a lookup, a 一括照会 in its two steps, a Shift_JIS exchange, an {@code .err} answer, drug information, and a
 * 連携アプリ that never takes the request — each leaving no file of Uketsuke's behind.
 */
class FolderEligibilityClientTest {

    static LinkAppFixture linkApp;

    @BeforeAll
    static void start() throws Exception {
        linkApp = LinkAppFixture.shared();
    }

    private static FolderEligibilityClient client(CharacterCode code) {
        return new FolderEligibilityClient(
                FolderSettings.under(linkApp.share, code, LinkAppFixture.INSTITUTION)
                        .withTiming(Duration.ofMillis(20), Duration.ofSeconds(10), 2),
                Clock.systemUTC());
    }

    private static List<String> namesIn(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .toList();
        }
    }

    @Test
    void aLookupByInsuranceNumberIsAnsweredInBothCharacterSets() throws Exception {
        for (CharacterCode code : CharacterCode.values()) {
            ConfirmationOutcome outcome = client(code).confirmByInsurance(linkApp.searchFor(3, "lookup-" + code));

            assertThat(outcome).isInstanceOfSatisfying(ConfirmationOutcome.Confirmed.class, c -> {
                assertThat(c.qualification().card())
                        .isEqualTo(linkApp.backend.person(3).card());
                assertThat(c.received()).isPresent();
            });
        }
        // The 連携アプリ moves each request to req/done (just after writing its answer); Uketsuke removed the answers
        // it read.
        for (int i = 0; i < 100 && !namesIn(linkApp.share.resolve("req")).isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(namesIn(linkApp.share.resolve("req"))).isEmpty();
        assertThat(namesIn(linkApp.share.resolve("res"))).noneMatch(n -> n.startsWith("OQSsiquc01res_"));
        assertThat(namesIn(linkApp.share.resolve("req").resolve("done"))).anyMatch(n -> n.startsWith("OQSsiquc01req_"));
        byte[] sjisRequest = Files.readAllBytes(linkApp.share
                .resolve("req/done")
                .resolve(namesIn(linkApp.share.resolve("req/done")).stream()
                        .filter(n -> n.startsWith("OQSsiquc01req_"))
                        .filter(n -> {
                            try {
                                return new String(
                                                Files.readAllBytes(linkApp.share.resolve("req/done/" + n)),
                                                StandardCharsets.ISO_8859_1)
                                        .contains("Shift_JIS");
                            } catch (Exception e) {
                                return false;
                            }
                        })
                        .findFirst()
                        .orElseThrow()));
        assertThat(new String(sjisRequest, StandardCharsets.ISO_8859_1))
                .contains("<CharacterCodeIdentifier>1</CharacterCodeIdentifier>");
    }

    @Test
    void aBatchIsUploadedThenFetchedByItsReceptionNumber() throws Exception {
        FolderEligibilityClient client = client(CharacterCode.UTF_8);
        BatchSubmission submitted =
                client.submitBatch(List.of(linkApp.searchFor(1, "b-1"), linkApp.searchFor(2, "b-2")));
        assertThat(submitted).isInstanceOf(BatchSubmission.Accepted.class);
        String reception = ((BatchSubmission.Accepted) submitted).receptionNumber();

        BatchStatus status = client.batchStatus(reception);
        for (int i = 0; i < 100 && status instanceof BatchStatus.Processing; i++) {
            Thread.sleep(50);
            status = client.batchStatus(reception);
        }

        assertThat(status)
                .isInstanceOfSatisfying(
                        BatchStatus.Done.class,
                        done -> assertThat(done.results())
                                .extracting(r -> r.search().arbitraryIdentifier())
                                .containsExactly("b-1", "b-2"));
    }

    @Test
    void aRequestTheLinkAppRefusesComesBackAsItsErrFile() throws Exception {
        BatchStatus status = client(CharacterCode.UTF_8).batchStatus("NO-SUCH-RECEPTION");

        assertThat(status)
                .isInstanceOfSatisfying(
                        BatchStatus.Failed.class, f -> assertThat(f.reason()).contains("NO-SUCH-RECEPTION"));
        assertThat(namesIn(linkApp.share.resolve("res"))).noneMatch(n -> n.endsWith(".err"));
    }

    @Test
    void drugInformationIsAskedWithAYzkRequest() {
        MedicalOutcome<?> outcome = client(CharacterCode.SHIFT_JIS)
                .medicalRecords(MedicalQuery.all(linkApp.backend.person(4).card(), MedicalCategory.DRUG));

        assertThat(outcome).isNotInstanceOf(MedicalOutcome.NotAnswered.class);
    }

    @Test
    void aLinkAppThatNeverTakesTheRequestIsATimeoutAndTheRequestIsRemoved(@TempDir Path idle) throws Exception {
        Files.createDirectories(idle.resolve("req"));
        Files.createDirectories(idle.resolve("res"));
        FolderEligibilityClient client = new FolderEligibilityClient(
                FolderSettings.under(idle, CharacterCode.UTF_8, LinkAppFixture.INSTITUTION)
                        .withTiming(Duration.ofMillis(20), Duration.ofMillis(200), 3),
                Clock.systemUTC());

        ConfirmationOutcome outcome = client.confirmByInsurance(linkApp.searchFor(3, "nobody-home"));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Unavailable.class, u -> assertThat(u.reason()).isEqualTo(UnavailableReason.TIMEOUT));
        assertThat(namesIn(idle.resolve("req"))).isEmpty();
        assertThat(client.nonce())
                .isInstanceOfSatisfying(
                        Unavailable.class, u -> assertThat(u.reason()).isEqualTo(UnavailableReason.NOT_OFFERED));
    }

    @Test
    void aShareThatIsGoneIsUnreachableAtOnce(@TempDir Path gone) {
        FolderEligibilityClient client = new FolderEligibilityClient(
                FolderSettings.under(gone.resolve("unmounted"), CharacterCode.UTF_8, LinkAppFixture.INSTITUTION),
                Clock.systemUTC());

        assertThat(client.confirmByInsurance(linkApp.searchFor(3, "gone")))
                .isInstanceOfSatisfying(
                        Unavailable.class, u -> assertThat(u.reason()).isEqualTo(UnavailableReason.UNREACHABLE));
    }

    /** A file shaped like YUKI-ENT/OQSDrug2's (docs/spec-notes/face-files.md#public-samples). */
    private static byte[] oqsDrug2(String name) throws Exception {
        try (var in = FolderEligibilityClientTest.class.getResourceAsStream("oqsdrug2/" + name)) {
            return in.readAllBytes();
        }
    }

    private static Set<String> elementNames(byte[] xml) throws Exception {
        NodeList all = SafeXml.parse(xml).getElementsByTagName("*");
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < all.getLength(); i++) {
            names.add(all.item(i).getNodeName());
        }
        return names;
    }

    /**
     * Our drug request carries every element of a public clinic-side program's, and the 連携アプリ's own refusal
     * (ResultCode and MessageContents only) comes back at once with its words, not as a timeout.
     */
    @Test
    void aPublicClientsRequestShapeIsMetAndTheLinkAppsOwnRefusalIsRead(@TempDir Path share) throws Exception {
        Path req = Files.createDirectories(share.resolve("req"));
        Path res = Files.createDirectories(share.resolve("res"));
        FolderEligibilityClient client = new FolderEligibilityClient(
                FolderSettings.under(share, CharacterCode.SHIFT_JIS, LinkAppFixture.INSTITUTION)
                        .withTiming(Duration.ofMillis(20), Duration.ofSeconds(10), 1),
                Clock.systemUTC());
        List<byte[]> asked = new ArrayList<>();
        // The 連携アプリ, scripted at the file level: it takes the request and answers with its refusal.
        Thread linkAppAnswering = Thread.ofPlatform().daemon().start(() -> {
            try {
                for (int i = 0; i < 500 && asked.isEmpty(); i++) {
                    for (String name : namesIn(req)) {
                        if (name.startsWith("YZKsiquc01req_")) {
                            Path request = req.resolve(name);
                            asked.add(Files.readAllBytes(request));
                            Files.delete(request);
                            Files.write(
                                    res.resolve(name.replace("req_", "res_")), oqsDrug2("YZKsiquc01res_refused.xml"));
                        }
                    }
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // The viewer's query with the period the staff chose (OQSDrug2 always sends one for drugs).
        MedicalOutcome<?> outcome = client.medicalRecords(new MedicalQuery(
                new InsuranceCardId(InsurerNumber.of("01130012"), "7010", "123", "00"),
                MedicalCategory.DRUG,
                LocalDate.of(2026, 6, 1),
                LocalDate.of(2026, 12, 4),
                ConsentScenario.OUTPATIENT,
                ""));
        linkAppAnswering.join(Duration.ofSeconds(5));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        MedicalOutcome.NotAnswered.class,
                        n -> assertThat(n.unavailable().diagnostic())
                                .contains("ResultCode 2")
                                .contains("薬剤情報の閲覧に同意されていません。"));
        assertThat(asked)
                .singleElement()
                .satisfies(ours ->
                        assertThat(elementNames(ours)).containsAll(elementNames(oqsDrug2("YZKsiquc01req_sample.xml"))));
        assertThat(namesIn(res)).isEmpty(); // the answer read is removed
    }
}
