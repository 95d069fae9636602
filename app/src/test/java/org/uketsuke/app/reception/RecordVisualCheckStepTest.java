package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staff's 目視確認 as the visit's proof, on a card read from the simulator. */
class RecordVisualCheckStepTest {

    @TempDir
    Path dir;

    @Test
    void theStaffMembersCheckBecomesTheProofAndAnswersNothing() throws Exception {
        try (VisitStepFixture fixture = VisitStepFixture.start(dir)) {
            VisitContext read = fixture.cardRead();
            VisitStep.Result recorded = new RecordVisualCheckStep("staff-04").run(read);
            assertThat(recorded.event()).isEmpty();
            assertThat(recorded.visit().proof()).contains(new IdentityProof.VisualCheck("staff-04"));
            assertThat(recorded.visit().card()).isEqualTo(read.card());
            new EndVisitStep().run(recorded.visit());
        }
    }
}
