package org.uketsuke.app.config;

import java.util.Objects;

/**
 * One thing wrong with a configuration file, naming where: the line (0 when the key is missing or the whole file is
 * unreadable), the key and the reason; the app words it for the administrator in Japanese or English.
 *
 * @param detail what the message needs besides the key: the allowed range or words, the other line or key
 */
public record ConfigProblem(int line, String key, Reason reason, String detail) {

    /** The closed list of ways a configuration can be wrong; each has its ja and en text ({@code config.reason.*}). */
    public enum Reason {
        NOT_UTF8,
        NOT_KEY_VALUE,
        UNKNOWN_KEY,
        DUPLICATE_KEY,
        MISSING,
        NOT_YES_NO,
        NOT_A_NUMBER,
        OUT_OF_RANGE,
        BAD_CHOICE,
        BAD_URL,
        BAD_INSTITUTION_CODE,
        BAD_ID,
        BAD_PATH,
        NOT_ABSOLUTE,
        CONFLICT,
        BAD_VARIABLE,
        /** {@code java_options} holds an option or character a launcher must not be handed. */
        UNSAFE_OPTION
    }

    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
    }
}
