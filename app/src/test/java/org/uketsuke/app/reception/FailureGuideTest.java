package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.ui.Messages;

/** The one table of what follows a failed confirmation (docs/spec-notes/failures.md). */
class FailureGuideTest {

    @Test
    void qualificationFailuresAreReconfirmedWithTheOfficialDocumentsAndNeverBilledInFull() {
        for (Problem p : new Problem[] {Problem.NO_QUALIFICATION, Problem.QUALIFICATION_LOST}) {
            assertThat(FailureGuide.of(p)).isEqualTo(FailureGuide.QUALIFICATION_DOCUMENTS);
        }
        assertThat(FailureGuide.QUALIFICATION_DOCUMENTS.reconfirm()).isTrue();
        Messages ja = new Messages(Messages.JAPANESE);
        assertThat(ja.get("failure.staff.QUALIFICATION_DOCUMENTS"))
                .contains("マイナポータル")
                .contains("資格情報のお知らせ")
                .contains("被保険者資格申立書")
                .contains("10割");
        assertThat(FailureGuide.of(Problem.CARD_REMOVED).reconfirm()).isFalse();
        assertThat(FailureGuide.of(Problem.BACKEND_UNAVAILABLE).reconfirm()).isTrue();
        assertThat(FailureGuide.of(Problem.QUEUED_FOR_RETRY).reconfirm())
                .as("a staff search that waits is asked again by the pending queue already")
                .isFalse();
    }

    @Test
    void everyGuideTellsThePatientAndTheStaffInBothLanguages() {
        for (Locale locale : new Locale[] {Messages.JAPANESE, Messages.ENGLISH}) {
            Messages m = new Messages(locale);
            Arrays.stream(Problem.values()).map(FailureGuide::of).forEach(g -> {
                assertThat(m.get("failure.kiosk." + g)).isNotBlank().doesNotStartWith("failure.");
                assertThat(m.get("failure.staff." + g)).isNotBlank().doesNotStartWith("failure.");
            });
        }
    }
}
