package org.uketsuke.eligibility;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Normalisation of what people type and files carry: NFKC (full-width → half-width digits/letters), the many dash
 * look-alikes that IMEs produce (‐ ‑ ‒ – — − ー is not one of them) folded to '-', trimmed.
 */
final class Text {

    /** Compiled once: every value read from a result goes through here (a regex compile per call before). */
    private static final Pattern DASHES = Pattern.compile("[\u2010-\u2015\u2212\uFE63]");

    private Text() {}

    static String normalise(String text) {
        if (printableAscii(text)) {
            // NFKC leaves printable ASCII as it is and it holds no dash look-alike: only the strip is left to do.
            return text.strip();
        }
        return DASHES.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC))
                .replaceAll("-")
                .strip();
    }

    /** Whether every character is printable ASCII (U+0020–U+007E), as almost every 記号・番号 and name field is. */
    static boolean printableAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
