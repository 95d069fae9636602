package org.uketsuke.app.flow;

import java.time.LocalDate;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.Sex;

/** A confirmed qualification for tests that only pass one along (a 3割 patient of a health insurance society). */
public final class SampleConfirmation {

    public static final ConfirmationOutcome.Confirmed CONFIRMED = new ConfirmationOutcome.Confirmed(
            new Qualification(
                    new InsuranceCardId(InsurerNumber.of("06131239"), "12", "345", "01"),
                    "テスト健保組合",
                    "受付　花子",
                    "ｳｹﾂｹ ﾊﾅｺ",
                    LocalDate.of(1980, 5, 5),
                    Sex.FEMALE,
                    PersonalFamily.INSURED,
                    new ContributionRatio(30),
                    LocalDate.of(2020, 4, 1)),
            "20261124101010",
            "");

    private SampleConfirmation() {}
}
