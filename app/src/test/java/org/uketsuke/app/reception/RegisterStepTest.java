package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;

/** 保険証利用登録 with a card the mock backend issued unregistered: after it, the same card confirms. */
class RegisterStepTest {

    @TempDir
    Path dir;

    @Test
    void theCardSignedNonceRegistersTheCardSoTheNextConfirmationSucceeds() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.startUnregistered(dir)) {
            VisitContext verified = fixture.pinVerified();
            VisitStep.Result registered =
                    new RegisterStep(fixture.client, fixture.records).run(fixture.signedForRegistration(verified));
            assertThat(registered.event()).isEmpty();
            assertThat(registered.visit().signed()).as("the nonce is spent").isEmpty();
            assertThat(Files.readAllLines(fixture.auditFile).getLast())
                    .contains("\"outcome\":\"REGISTERED_FOR_INSURANCE_USE\"");

            VisitStep.Result confirmed =
                    new ConfirmStep(fixture.client, fixture.records).run(fixture.signed(registered.visit()));
            assertThat(confirmed.visit().confirmed()).isPresent();
            new EndVisitStep().run(confirmed.visit());
        }
    }

    @Test
    void theStaffsVisualCheckRegistersWithItsOwnProofAndNothingRegistersWithoutProof() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.startUnregistered(dir)) {
            VisitContext checked = new RecordVisualCheckStep("staff-04")
                    .run(fixture.cardRead())
                    .visit();
            assertThat(new RegisterStep(fixture.client, fixture.records)
                            .run(checked)
                            .event())
                    .as("no signed statement yet: nothing to register with")
                    .contains(new VisitEvent.Failed(Problem.CARD_REMOVED));

            VisitStep.Result registered =
                    new RegisterStep(fixture.client, fixture.records).run(fixture.signed(checked));
            assertThat(registered.event()).isEmpty();
            assertThat(registered.visit().signed()).as("the nonce is spent").isEmpty();
            assertThat(Files.readAllLines(fixture.auditFile).getLast())
                    .contains("\"outcome\":\"REGISTERED_FOR_INSURANCE_USE\"");
            new EndVisitStep().run(registered.visit());
        }
    }
}
