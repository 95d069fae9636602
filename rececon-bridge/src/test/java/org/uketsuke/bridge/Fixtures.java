package org.uketsuke.bridge;

import java.time.Instant;
import java.time.LocalDate;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.Sex;

final class Fixtures {

    static final String INSTITUTION = "1311234567";

    private Fixtures() {}

    static Qualification qualification(int n) {
        return new Qualification(
                new InsuranceCardId(InsurerNumber.of("01130012"), "1234567" + (n % 10), Integer.toString(1000 + n), "00"),
                "全国健康保険協会東京支部", "受付　太郎" + n, "ｳｹﾂｹ ﾀﾛｳ", LocalDate.of(1970, 1, 1 + n % 28), Sex.MALE,
                PersonalFamily.INSURED, new ContributionRatio(30), LocalDate.of(2020, 4, 1));
    }

    static Confirmation confirmation(String key, int n) {
        return new Confirmation(key, Instant.parse("2026-11-24T01:00:00Z").plusSeconds(n), IdentityMethod.PIN,
                new ConfirmationOutcome.Confirmed(qualification(n), String.format("202611241000%02d", n % 60), null));
    }
}
