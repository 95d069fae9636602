package org.uketsuke.folders;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.BatchSubmission;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalOutcome;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.wire.CharacterCode;

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
}
