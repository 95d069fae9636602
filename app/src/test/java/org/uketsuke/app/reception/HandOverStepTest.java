package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.IdentityMethod;

/** The confirmed qualification into the real レセコン store, the audit log and the staff's history. */
class HandOverStepTest {

    @TempDir
    Path dir;

    @Test
    void theConfirmationReachesTheStoreTheAuditLogAndTheStaff() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            VisitContext confirmed = new ConfirmStep(fixture.client, fixture.records)
                    .run(fixture.signed(fixture.pinVerified()))
                    .visit();
            String fileId = confirmed.signed().orElseThrow().fileId();

            VisitStep.Result handed =
                    new HandOverStep(fixture.bridge, Clock.systemUTC(), fixture.records).run(confirmed);

            assertThat(handed.event()).containsInstanceOf(VisitEvent.Confirmed.class);
            assertThat(handed.visit().confirmed()).isEmpty();
            assertThat(fixture.bridge.statuses())
                    .singleElement()
                    .satisfies(status -> assertThat(status.idempotencyKey()).contains(fileId));
            assertThat(Files.readAllLines(fixture.auditFile).getLast())
                    .contains("\"method\":\"PIN\"", "\"outcome\":\"CONFIRMED\"")
                    .doesNotContain(fixture.issued.expected().card().number());
            assertThat(fixture.history).singleElement().satisfies(row -> {
                assertThat(row.qualification().orElseThrow().card())
                        .isEqualTo(fixture.issued.expected().card());
                assertThat(row.method()).contains(IdentityMethod.PIN);
            });
            new EndVisitStep().run(handed.visit());
        }
    }

    @Test
    void nothingConfirmedIsNothingHandedOver() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            assertThat(new HandOverStep(fixture.bridge, Clock.systemUTC(), fixture.records)
                            .run(VisitContext.EMPTY)
                            .event())
                    .contains(new VisitEvent.Failed(Problem.CARD_REMOVED));
            assertThat(fixture.bridge.statuses()).isEmpty();
        }
    }
}
