package org.uketsuke.eligibility;

/**
 * 検証番号 of 保険者番号 and 公費負担者/受給者番号 (MHLW 保険者番号設定要領): body digits are weighted 2, 1, 2, … from the
 * rightmost body digit, the digits of each product are added, and the check is 10 − (sum mod 10), or 0.
 */
public final class CheckDigit {

    private CheckDigit() {}

    /** The check digit for a body of ASCII digits. */
    public static int of(CharSequence body) {
        int sum = 0;
        boolean doubled = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int digit = body.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                throw new IllegalArgumentException("not a digit at " + i);
            }
            int product = doubled ? digit * 2 : digit;
            sum += product / 10 + product % 10;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }

    /** Whether the last digit of {@code digits} is the check digit of the ones before it. */
    public static boolean valid(CharSequence digits) {
        int last = digits.length() - 1;
        return last > 0 && digits.charAt(last) - '0' == of(digits.subSequence(0, last));
    }
}
