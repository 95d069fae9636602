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
        return DASHES.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC))
                .replaceAll("-")
                .strip();
    }
}
