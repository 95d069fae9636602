package org.uketsuke.eligibility;

import java.util.regex.Pattern;

/**
 * 保険者番号 + 記号 + 番号 + 枝番 of an insurance (card or 資格確認書). 記号 and 番号 are insurer-defined strings that may
 * hold hyphens, kanji or leading zeros: never numbers; stored NFKC-normalised and trimmed. 後期高齢 has no 記号. 枝番 is
 * 2 digits, or empty on older cards.
 */
public record InsuranceCardId(InsurerNumber insurer, String symbol, String number, String branch) {

    private static final Pattern TWO_DIGITS = Pattern.compile("\\d{2}");

    public InsuranceCardId {
        if (insurer == null) {
            throw new InvalidValueException("InsurerNumber", "missing");
        }
        symbol = symbol == null ? "" : Text.normalise(symbol);
        number = number == null ? "" : Text.normalise(number);
        branch = branch == null ? "" : Text.normalise(branch);
        if (number.isEmpty()) {
            throw new InvalidValueException("InsuredIdentificationNumber", "missing");
        }
        if (symbol.length() > 38 || number.length() > 38) {
            throw new InvalidValueException(
                    "InsuredCardSymbol/InsuredIdentificationNumber", "longer than 38 characters");
        }
        if (!branch.isEmpty() && !TWO_DIGITS.matcher(branch).matches()) {
            throw new InvalidValueException("InsuredBranchNumber", "must be 2 digits or empty");
        }
    }
}
