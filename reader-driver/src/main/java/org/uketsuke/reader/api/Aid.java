package org.uketsuke.reader.api;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/** Application identifiers on the My Number card (docs/spec-notes/card.md#applications). */
public enum Aid {
    /** 公的個人認証 AP: the auth certificate, its key and PIN. */
    JPKI("D392F000260100000001"),
    /** 券面事項確認AP: the face photo behind 照合番号B. */
    CARD_FACE("D3921000310001010402"),
    /** 券面事項入力補助AP: holds the My Number. Our driver never selects it ({@code MyNumberGuard}). */
    TEXT_INPUT_SUPPORT("D3921000310001010408"),
    /** 住基 AP (住民票コード): no business of a reception terminal; the guard refuses it. */
    JUKI("D3921000310001010401"),
    /** 共通カードAP: card serial, municipality, expiry; no credential needed. */
    COMMON_CARD("D3921000310001010100");

    @SuppressWarnings("ImmutableEnumChecker") // never handed out: bytes() returns a copy
    private final byte[] bytes;

    Aid(String hex) {
        this.bytes = HexFormat.of().parseHex(hex);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean matches(byte[] other) {
        return Arrays.equals(bytes, other);
    }

    /** The AID a SELECT-by-name command names, if any of ours. */
    public static Optional<Aid> of(byte[] name) {
        return Arrays.stream(values()).filter(aid -> aid.matches(name)).findFirst();
    }
}
