package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.BulkSelection;
import org.uketsuke.eligibility.BulkSelection.Exchange;
import org.uketsuke.eligibility.BulkSelection.PeriodKind;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.Qualification;

/**
 * 訪問診療 (居宅同意取得型) end to end on the real client, mock backend and store: the first visit's card proof signs
 * its consent under 訪問診療, and later visits are re-confirmed without the card through the bulk exchange — one
 * patient or the whole list; a proof signed as outpatient cannot be relabelled as a home visit.
 */
class HomeVisitReconfirmTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static VisitContext signedUnder(VisitStepFixture fixture, ConsentScenario scenario) {
        VisitContext withNonce =
                new FetchNonceStep(fixture.client).run(fixture.pinVerified()).visit();
        return new SignNonceStep(fixture.client, fixture.services.terminalSigner(), Clock.systemUTC(), () -> scenario)
                .run(withNonce)
                .visit();
    }

    @Test
    void theFirstVisitsConsentLetsLaterVisitsBeReconfirmedWithoutTheCard() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            VisitContext outpatient = signedUnder(fixture, ConsentScenario.OUTPATIENT);
            VisitContext relabelled =
                    outpatient.withSigned(outpatient.signed().orElseThrow().under(ConsentScenario.HOME_VISIT));
            assertThat(new ConfirmStep(fixture.client, fixture.records)
                            .run(relabelled)
                            .event())
                    .as("an outpatient proof relabelled as a home visit (a longer consent) is refused")
                    .contains(new VisitEvent.Failed(Problem.CONSENTS_ALTERED));

            VisitContext signed = signedUnder(fixture, ConsentScenario.HOME_VISIT);
            assertThat(signed.signed())
                    .hasValueSatisfying(s -> assertThat(s.scenario()).isEqualTo(ConsentScenario.HOME_VISIT));
            VisitStep.Result first = new ConfirmStep(fixture.client, fixture.records).run(signed);
            assertThat(first.visit().confirmed())
                    .as("the first visit, with the card")
                    .isPresent();
            new EndVisitStep().run(first.visit());

            Qualification patient = fixture.issued.expected();
            BatchPreCheck bulk = new BatchPreCheck(fixture.client, fixture.bridge, Clock.systemUTC());
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
            BulkSelection homeVisits = new BulkSelection.Period(
                    Exchange.HOME_VISIT, PeriodKind.CONSENT, today.minusDays(30), today.plusDays(1));

            BatchPreCheck.Summary one = bulk.runBulk(homeVisits, card -> card.equals(patient.card()), TIMEOUT);
            assertThat(one.failure()).isNull();
            assertThat(one.confirmed()).isEqualTo(1);
            assertThat(one.records()).singleElement().satisfies(r -> {
                assertThat(r.qualification())
                        .hasValueSatisfying(q -> assertThat(q.card()).isEqualTo(patient.card()));
                assertThat(r.method()).contains(IdentityMethod.INSURANCE_NUMBER);
            });
            assertThat(bulk.runBulk(homeVisits, card -> false, TIMEOUT).confirmed())
                    .as("another patient's list leaves this one out")
                    .isZero();
            assertThat(bulk.runBulk(
                                    new BulkSelection.Period(
                                            Exchange.ONLINE,
                                            PeriodKind.CONSENT,
                                            today.minusDays(30),
                                            today.plusDays(1)),
                                    card -> true,
                                    TIMEOUT)
                            .confirmed())
                    .as("a home-visit consent is no オンライン診療 consent")
                    .isZero();
        }
    }

    /** オンライン診療 re-confirmed by the examination date (the exchange's {@code ExaminationDate} period). */
    @Test
    void anOnlinePatientIsReconfirmedByTheExaminationDate() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            VisitStep.Result first =
                    new ConfirmStep(fixture.client, fixture.records).run(signedUnder(fixture, ConsentScenario.ONLINE));
            assertThat(first.visit().confirmed()).isPresent();
            new EndVisitStep().run(first.visit());

            BatchPreCheck bulk = new BatchPreCheck(fixture.client, fixture.bridge, Clock.systemUTC());
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
            BatchPreCheck.Summary examinedToday = bulk.runBulk(
                    new BulkSelection.Period(Exchange.ONLINE, PeriodKind.EXAMINATION, today, today),
                    card -> true,
                    TIMEOUT);
            assertThat(examinedToday.failure()).isNull();
            assertThat(examinedToday.records())
                    .singleElement()
                    .satisfies(r -> assertThat(r.qualification())
                            .hasValueSatisfying(q -> assertThat(q.card())
                                    .isEqualTo(fixture.issued.expected().card())));
            assertThat(bulk.runBulk(
                                    new BulkSelection.Period(
                                            Exchange.ONLINE,
                                            PeriodKind.EXAMINATION,
                                            today.minusDays(30),
                                            today.minusDays(1)),
                                    card -> true,
                                    TIMEOUT)
                            .confirmed())
                    .as("not examined in an earlier period")
                    .isZero();
        }
    }
}
