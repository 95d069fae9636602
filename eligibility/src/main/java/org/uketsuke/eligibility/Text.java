package org.uketsuke.eligibility;

import java.text.Normalizer;

/**
 * Normalisation of what people type and files carry: NFKC (full-width → half-width digits/letters), the many dash
 * look-alikes that IMEs produce (‐ ‑ ‒ – — − ー is not one of them) folded to '-', trimmed.
 */
final class Text {

    private Text() {}

    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC)
                .replaceAll("[\u2010-\u2015\u2212\uFE63]", "-")
                .strip();
    }
}
