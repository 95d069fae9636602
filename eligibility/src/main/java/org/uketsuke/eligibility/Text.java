package org.uketsuke.eligibility;

import java.text.Normalizer;

/** Normalisation of what people type and files carry: NFKC (full-width → half-width digits/letters), trimmed. */
final class Text {

    private Text() {}

    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip();
    }
}
