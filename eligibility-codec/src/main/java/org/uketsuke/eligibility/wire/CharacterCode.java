package org.uketsuke.eligibility.wire;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** {@code CharacterCodeIdentifier}: 0 UTF-8, 1 Shift_JIS — must match the file's XML declaration. */
public enum CharacterCode {
    UTF_8("0", StandardCharsets.UTF_8),
    SHIFT_JIS("1", Charset.forName("Shift_JIS"));

    private final String identifier;
    private final Charset charset;

    CharacterCode(String identifier, Charset charset) {
        this.identifier = identifier;
        this.charset = charset;
    }

    public String identifier() {
        return identifier;
    }

    public Charset charset() {
        return charset;
    }

    public static CharacterCode ofIdentifier(String identifier) {
        return "1".equals(identifier) ? SHIFT_JIS : UTF_8;
    }

    public static CharacterCode of(Charset charset) {
        return charset.equals(StandardCharsets.UTF_8) ? UTF_8 : SHIFT_JIS;
    }
}
