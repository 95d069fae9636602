package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Pin;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitCommand;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;

/** The sequencer runs each command's steps in order over one visit (virtual card, mock backend, real store). */
class ReceptionStepsTest {

    @TempDir
    Path dir;

    @Test
    void thePinPathEndsConfirmedWithTheTimeSplitByPart() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            ReceptionSteps steps = new ReceptionSteps(fixture.services);
            fixture.slot.insert();
            assertThat(steps.run(new VisitCommand.ReadCard())).contains(fixture.cardReady(3));
            assertThat(steps.run(new VisitCommand.VerifyPin(Pin.of(fixture.issued.pin()))))
                    .contains(new VisitEvent.PinVerified());
            assertThat(steps.run(new VisitCommand.Confirm(Consents.all(Consent.NO))))
                    .containsInstanceOf(VisitEvent.Confirmed.class);
            VisitTimings timings = steps.timings();
            assertThat(timings.cardNanos()).isPositive();
            assertThat(timings.backendNanos()).isPositive();
            assertThat(timings.sinkNanos()).isPositive();
            assertThat(steps.run(new VisitCommand.EndVisit())).isEmpty();
            assertThat(steps.timings()).isEqualTo(VisitTimings.NONE);
        }
    }

    /** An unregistered card proven by {@code proof}: registration is offered, runs, and the visit's row is returned. */
    private ReceptionRecord registeredAfter(Function<VisitStepFixture, VisitCommand.Step> proof) throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.startUnregistered(dir)) {
            ReceptionSteps steps = new ReceptionSteps(fixture.services);
            List<ReceptionRecord> rows = new CopyOnWriteArrayList<>();
            steps.onRecord(rows::add);
            fixture.slot.insert();
            steps.run(new VisitCommand.ReadCard());
            steps.run(proof.apply(fixture));
            assertThat(steps.run(new VisitCommand.Confirm(Consents.all(Consent.YES))))
                    .contains(new VisitEvent.RegistrationOffered());
            assertThat(steps.run(new VisitCommand.RegisterCard())).containsInstanceOf(VisitEvent.Confirmed.class);
            steps.run(new VisitCommand.EndVisit());
            assertThat(rows).hasSize(1);
            return rows.getFirst();
        }
    }

    @Test
    void registrationRunsThenTheConfirmationWithTheSameConsents() throws Exception {
        // A family member types the PIN for the patient: the row says so (介助者).
        ReceptionRecord row = registeredAfter(f -> new VisitCommand.VerifyPin(Pin.of(f.issued.pin()), true));
        assertThat(row.method()).contains(IdentityMethod.PIN);
        assertThat(row.assistance()).contains(new Assistance(Assistance.Kind.COMPANION_ENTERED_PIN, Optional.empty()));
    }

    @Test
    void anUnregisteredCardIsRegisteredOnTheStaffsVisualCheckTooNotOnlyAfterThePin() throws Exception {
        ReceptionRecord row = registeredAfter(f -> new VisitCommand.RecordVisualCheck("staff-04"));
        assertThat(row.method()).contains(IdentityMethod.VISUAL);
    }

    @Test
    void theStaffsCheckIsRecordedAndConfirmedByAttestation() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            ReceptionSteps steps = new ReceptionSteps(fixture.services);
            List<ReceptionRecord> rows = new CopyOnWriteArrayList<>();
            steps.onRecord(rows::add);
            fixture.slot.insert();
            steps.run(new VisitCommand.ReadCard());
            assertThat(steps.run(new VisitCommand.RecordVisualCheck("staff-04")))
                    .isEmpty();
            assertThat(steps.run(new VisitCommand.Confirm(Consents.all(Consent.NO), Optional.empty())))
                    .containsInstanceOf(VisitEvent.Confirmed.class);
            assertThat(rows).singleElement().satisfies(row -> {
                assertThat(row.method()).contains(IdentityMethod.VISUAL);
                assertThat(row.assistance())
                        .contains(new Assistance(Assistance.Kind.STAFF_VISUAL_CHECK, Optional.of("staff-04")));
            });
            steps.run(new VisitCommand.EndVisit());
        }
    }

    @Test
    void aNewCardStartsAFreshVisit() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            ReceptionSteps steps = new ReceptionSteps(fixture.services);
            fixture.slot.insert();
            steps.run(new VisitCommand.ReadCard());
            steps.run(new VisitCommand.VerifyPin(Pin.of(fixture.issued.pin())));
            // Without an end-visit in between, reading again drops the verified PIN with the old session.
            assertThat(steps.run(new VisitCommand.ReadCard())).contains(fixture.cardReady(3));
            assertThat(steps.run(new VisitCommand.Confirm(Consents.all(Consent.NO))))
                    .contains(new VisitEvent.Failed(Problem.CARD_REMOVED));
            steps.run(new VisitCommand.EndVisit());
        }
    }
}
