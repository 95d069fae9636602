package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.uketsuke.eligibility.BulkSelection;
import org.uketsuke.eligibility.BulkSelection.Exchange;
import org.uketsuke.eligibility.BulkSelection.PeriodKind;

/** The 訪問・オンライン tab's period: オンライン診療 by consent or examination dates, 訪問診療 by consent dates only. */
class HomeVisitSelectionTest {

    private static final LocalDate FROM = LocalDate.of(2026, 11, 1);
    private static final LocalDate TO = LocalDate.of(2026, 11, 30);

    @Test
    void onlineSelectsByExaminationDatesWhenChosen() {
        assertThat(HomeVisitViewModel.selection(Exchange.ONLINE, PeriodKind.EXAMINATION, FROM, TO))
                .isEqualTo(new BulkSelection.Period(Exchange.ONLINE, PeriodKind.EXAMINATION, FROM, TO));
        assertThat(HomeVisitViewModel.selection(Exchange.ONLINE, PeriodKind.CONSENT, FROM, TO)
                        .kind())
                .isEqualTo(PeriodKind.CONSENT);
    }

    @Test
    void homeVisitsStayOnConsentDatesWhateverWasLeftChosenForOnline() {
        assertThat(HomeVisitViewModel.selection(Exchange.HOME_VISIT, PeriodKind.EXAMINATION, FROM, TO)
                        .kind())
                .isEqualTo(PeriodKind.CONSENT);
    }
}
