package org.uketsuke.eligibility;

import java.util.Locale;

/**
 * 負担割合 in percent. The messages carry it as 3 digits ({@code InsuredPartialContributionRatio},
 * {@code ElderlyRecipientContributionRatio}): {@code "030"} = 3割 = 30 %.
 */
public record ContributionRatio(int percent) {

    public ContributionRatio {
        if (percent < 0 || percent > 100 || percent % 10 != 0) {
            throw new InvalidValueException("ContributionRatio", "must be 0–100 in steps of 10: " + percent);
        }
    }

    public static ContributionRatio ofWire(String threeDigits) {
        if (threeDigits == null || !threeDigits.strip().matches("\\d{3}")) {
            throw new InvalidValueException("InsuredPartialContributionRatio", "must be 3 digits");
        }
        return new ContributionRatio(Integer.parseInt(threeDigits.strip()));
    }

    public String wire() {
        return String.format(Locale.ROOT, "%03d", percent);
    }

    /** 割 (3 for 30 %). */
    public int tenths() {
        return percent / 10;
    }
}
