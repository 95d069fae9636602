package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.ElderlyRecipient;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.QualificationDetails;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;

/**
 * A person enrolled whole ({@link BackendControl#enrol}) is confirmed with their own blocks and particulars, not the
 * ones the seed would derive, also after a restart on the same state; the answer's bytes are kept as they went out.
 */
class EnrolmentTest {

    @TempDir
    Path state;

    @Test
    void anEnrolledPersonIsConfirmedWithTheirOwnBlocksAndParticularsAlsoAfterARestart() throws Exception {
        Qualification whole;
        int index;
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(state, 0, 5L, 3))) {
            Qualification template = backend.person(1);
            // Person 1 with blocks of its own and another person's particulars: nothing the seed derives for index 3.
            whole = template.withDetails(new QualificationDetails(
                            Optional.of(new ElderlyRecipient(
                                    LocalDate.of(2020, 4, 1),
                                    LocalDate.of(2020, 4, 1),
                                    LocalDate.of(2030, 3, 31),
                                    new ContributionRatio(20))),
                            Optional.empty(),
                            List.of(),
                            List.of()))
                    .withParticulars(ResultParticularsGenerator.of(1, template));
            index = backend.control().enrol(whole);
            assertThat(index).isEqualTo(3);
            assertThat(backend.person(index)).isEqualTo(whole);

            HttpsEligibilityClient client =
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
            CardConfirmationRequest request = TestCards.pinRequest(client, backend.issueCard(index));
            ConfirmationOutcome outcome = client.confirmByCard(request);

            assertThat(outcome).isInstanceOfSatisfying(ConfirmationOutcome.Confirmed.class, c -> {
                Qualification answered = c.qualification();
                assertThat(answered.details()).isEqualTo(whole.details());
                assertThat(answered.particulars().withConsents(List.of()))
                        .isEqualTo(whole.particulars().withConsents(List.of()));
                assertThat(answered.particulars().address())
                        .isNotEqualTo(ResultParticularsGenerator.of(index, whole.withParticulars(null))
                                .address());
                assertThat(backend.control().sentResult(request.arbitraryFileIdentifier()))
                        .hasValueSatisfying(sent -> assertThat(sent)
                                .isEqualTo(c.received().orElseThrow().bytes()));
            });
        }
        try (MockBackend again = MockBackend.start(new MockBackendConfig(state, 0, 5L, 3))) {
            assertThat(again.person(index)).isEqualTo(whole);
            assertThat(again.people()).isEqualTo(4);
        }
    }
}
