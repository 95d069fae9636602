package org.uketsuke.app.speech;

import java.util.Locale;
import java.util.Objects;

/**
 * One kiosk step's spoken guidance: the step's message key, the language and the kiosk's own fixed text for it. The
 * text comes from the message bundle without arguments, so it never holds a patient's name, insurer or number.
 */
public record GuidanceLine(String key, Locale language, String text) {
    public GuidanceLine {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(text, "text");
    }
}
