package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.mockbackend.Fault;

/** The qualification query with the signed nonce and the consents, against the mock backend over mTLS. */
class ConfirmStepTest {

    @TempDir
    Path dir;

    @Test
    void aSignedNonceConfirmsTheCardHoldersQualification() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            VisitContext signed = fixture.signed(fixture.pinVerified());
            VisitStep.Result confirmed = new ConfirmStep(fixture.client, fixture.records).run(signed);
            assertThat(confirmed.event()).as("the hand-off comes next").isEmpty();
            assertThat(confirmed.visit().confirmed())
                    .hasValueSatisfying(c -> assertThat(c.qualification().card())
                            .isEqualTo(fixture.issued.expected().card()));
            assertThat(fixture.history).as("the row comes with the hand-off").isEmpty();
            new EndVisitStep().run(confirmed.visit());
        }
    }

    @Test
    void aCardNotRegisteredForInsuranceUseIsOfferedRegistrationOnThePinPath() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.startUnregistered(dir)) {
            VisitContext signed = fixture.signed(fixture.pinVerified());
            VisitStep.Result offered = new ConfirmStep(fixture.client, fixture.records).run(signed);
            assertThat(offered.event()).contains(new VisitEvent.RegistrationOffered());
            assertThat(offered.visit().signed()).as("the nonce is spent").isEmpty();
            assertThat(Files.readAllLines(fixture.auditFile).getLast())
                    .contains("\"outcome\":\"REJECTED_NOT_REGISTERED\"");
            new EndVisitStep().run(offered.visit());
        }
    }

    @Test
    void anUnreachableSystemIsBackendUnavailableAndARowForTheStaff() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            VisitContext signed = fixture.signed(fixture.pinVerified());
            fixture.backend.injectFault(new Fault.Status(503), Integer.MAX_VALUE);
            VisitStep.Result down = new ConfirmStep(fixture.client, fixture.records).run(signed);
            assertThat(down.event()).contains(new VisitEvent.Failed(Problem.BACKEND_UNAVAILABLE));
            assertThat(fixture.history).singleElement().satisfies(row -> {
                assertThat(row.problem()).contains(Problem.BACKEND_UNAVAILABLE);
                assertThat(row.method()).contains(IdentityMethod.PIN);
            });
            new EndVisitStep().run(down.visit());
        }
    }

    @Test
    void withoutASignedNonceNothingIsAsked() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            VisitContext verified = fixture.pinVerified();
            assertThat(new ConfirmStep(fixture.client, fixture.records)
                            .run(verified)
                            .event())
                    .contains(new VisitEvent.Failed(Problem.CARD_REMOVED));
            new EndVisitStep().run(verified);
        }
    }
}
