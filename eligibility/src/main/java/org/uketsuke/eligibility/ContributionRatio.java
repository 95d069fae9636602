package org.uketsuke.eligibility;

import java.util.regex.Pattern;

/**
 * 負担割合 in percent. The messages carry it as 3 digits ({@code InsuredPartialContributionRatio},
 * {@code ElderlyRecipientContributionRatio}): {@code "030"} = 3割 = 30 %.
 */
public record ContributionRatio(int percent) {

    private static final Pattern THREE_DIGITS = Pattern.compile("\\d{3}");

    public ContributionRatio {
        if (percent < 0 || percent > 100 || percent % 10 != 0) {
            throw new InvalidValueException("ContributionRatio", "must be 0–100 in steps of 10: " + percent);
        }
    }

    public static ContributionRatio ofWire(String threeDigits) {
        if (threeDigits == null || !THREE_DIGITS.matcher(threeDigits.strip()).matches()) {
            throw new InvalidValueException("InsuredPartialContributionRatio", "must be 3 digits");
        }
        return new ContributionRatio(Integer.parseInt(threeDigits.strip()));
    }

    /** The 3 digits: {@code "030"} for 30 % (written by hand: {@code String.format} was 3 % of a confirmation's CPU). */
    public String wire() {
        return percent == 100 ? "100" : percent == 0 ? "000" : "0" + percent;
    }

    /** 割 (3 for 30 %). */
    public int tenths() {
        return percent / 10;
    }
}
