package org.uketsuke.reader.guard;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.uketsuke.reader.api.Aid;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CardSelection;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.Iso7816;
import org.uketsuke.reader.api.ResponseApdu;

/**
 * Makes reading the My Number (告知要求制限) impossible through any transport the driver hands out. Every command is
 * checked against an allow-list before it leaves the process (docs/spec-notes/card.md: #applications,
 * #jpki-ap-files, #card-face-ap, #text-input-support-ap-never; ADR 0002):
 * <ul>
 *   <li>CLA {@code 00}, or {@code 80} for COMPUTE DIGITAL SIGNATURE only: no logical channels (a second channel could
 *       hold another application than the one tracked here), no secure messaging, no chaining;</li>
 *   <li>INS SELECT, READ BINARY, READ RECORD, VERIFY, GET CHALLENGE, GET RESPONSE, COMPUTE DIGITAL SIGNATURE only;</li>
 *   <li>SELECT by the full name of the JPKI AP, the 券面事項確認AP or the 共通カードAP only. The 券面事項入力補助AP
 *       (it holds the My Number), the 住基 AP (住民票コード), partial and unknown names are refused;</li>
 *   <li>files — by SELECT EF or by short EF identifier in READ BINARY, READ RECORD, VERIFY and COMPUTE DIGITAL
 *       SIGNATURE — only from the list below for the application that is current. So EF 0005 (image of the My
 *       Number) and EF 0013 (照合番号A) of the 券面事項確認AP, and the signing certificate EF 0001 with the signing
 *       key and password (001A/001B) of the JPKI AP, can never be reached;</li>
 *   <li>commands on "the current EF" only after this session selected a listed EF: a card left in another state by
 *       another program is not trusted.</li>
 * </ul>
 * When the card's answer leaves unclear whether a SELECT took effect, both the old and the new application are kept
 * in mind and a file must be allowed in each. A refusal throws {@link MyNumberAccessRefused}; nothing is sent.
 */
public final class MyNumberGuard implements ApduTransport {

    /** The applications a reception terminal selects, and the EFs it may touch in each. */
    private static final Map<Aid, Set<Integer>> ALLOWED_FILES = Map.of(
            // token, certificate availability, auth certificate, auth CA certificate, auth key, auth PIN
            Aid.JPKI, Set.of(0x0006, 0x0008, 0x000A, 0x000B, 0x0017, 0x0018),
            // card face (photo), basic data, card-verifiable certificate, birth-date key, 照合番号B
            Aid.CARD_FACE, Set.of(0x0002, 0x0003, 0x0004, 0x0011, 0x0012),
            // card serial, municipality, expiry
            Aid.COMMON_CARD, Set.of(0x0001));

    private static final int CLA_ISO = 0x00;
    private static final int CLA_PROPRIETARY = 0x80;
    private static final int SPECIFIC_REFERENCE = 0x80;

    private final ApduTransport inner;
    /** Applications the card may have current: one after a clear answer, several after an unclear one. */
    private Set<Aid> possibleApplications = EnumSet.noneOf(Aid.class);
    /** The EF this session made current, if any (always one of the allowed files). */
    private OptionalInt currentFile = OptionalInt.empty();
    /**
     * The selection as the card has it beyond doubt: set by answers that show a SELECT (or a short EF identifier) took
     * effect, forgotten at any unclear one. The session is exclusive, so only its own commands change the card's.
     */
    private Optional<CardSelection> known = Optional.empty();

    private MyNumberGuard(ApduTransport inner) {
        this.inner = inner;
    }

    /** Wraps a transport; wrapping a guard again returns it as is. */
    public static ApduTransport guard(ApduTransport transport) {
        return transport instanceof MyNumberGuard ? transport : new MyNumberGuard(transport);
    }

    /** The inner transport's: a PC/SC session runs the work on its thread, each command still checked here. */
    @Override
    public <T> T exchange(Exchange<T> work) throws CardGoneException {
        return inner.exchange(work);
    }

    @Override
    public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
        Selection selection = admit(command);
        ResponseApdu answer = inner.transmit(command);
        remember(selection, answer.sw());
        return answer;
    }

    /** What an admitted command may change in the card's selection state. */
    private sealed interface Selection {
        record Unchanged() implements Selection {}

        record OfApplication(Aid application) implements Selection {}

        record OfFile(int fid) implements Selection {}
    }

    private Selection admit(CommandApdu c) {
        if (c.cla() == CLA_PROPRIETARY) {
            if (c.ins() != Iso7816.INS_COMPUTE_SIGNATURE) {
                throw refused(c, "CLA 80 is only for COMPUTE DIGITAL SIGNATURE");
            }
            return admitSignature(c);
        }
        if (c.cla() != CLA_ISO) {
            throw refused(c, "logical channels, secure messaging and chaining are not used by the reception");
        }
        return switch (c.ins()) {
            case Iso7816.INS_SELECT -> admitSelect(c);
            case Iso7816.INS_READ_BINARY -> admitReadBinary(c);
            case Iso7816.INS_READ_RECORD -> admitReadRecord(c);
            case Iso7816.INS_VERIFY -> admitVerify(c);
            case Iso7816.INS_GET_CHALLENGE, Iso7816.INS_GET_RESPONSE -> new Selection.Unchanged();
            default -> throw refused(c, "not a command the reception sends");
        };
    }

    private Selection admitSelect(CommandApdu c) {
        if ((c.p2() & 0x03) != 0) {
            throw refused(c, "SELECT of a next or other occurrence could reach an application not tracked here");
        }
        byte[] data = c.data();
        return switch (c.p1()) {
            case Iso7816.P1_SELECT_BY_NAME -> {
                Aid aid = Aid.of(data).orElse(null);
                if (aid == null || !ALLOWED_FILES.containsKey(aid)) {
                    throw refused(
                            c,
                            sharesPrefix(data, Aid.TEXT_INPUT_SUPPORT.bytes())
                                    ? "the 券面事項入力補助AP holds the My Number: never selected"
                                    : "only the JPKI AP, the 券面事項確認AP and the 共通カードAP are selected, by full name");
                }
                yield new Selection.OfApplication(aid);
            }
            case Iso7816.P1_SELECT_EF -> {
                if (data.length != 2) {
                    throw refused(c, "SELECT EF takes a 2-byte file id");
                }
                yield fileReference(c, ((data[0] & 0xFF) << 8) | (data[1] & 0xFF));
            }
            default -> throw refused(c, "SELECT by path, by file id from the MF or of a DF bypasses the tracking");
        };
    }

    /** {@code 00 B0 (80|SFI) offset Le} or {@code 00 B0 offset-hi offset-lo Le} on the current EF. */
    private Selection admitReadBinary(CommandApdu c) {
        if ((c.p1() & 0x80) == 0) {
            return currentFileReference(c);
        }
        if ((c.p1() & 0x60) != 0) {
            throw refused(c, "READ BINARY P1 with bits 7-6 set is undefined");
        }
        return fileReference(c, c.p1() & 0x1F);
    }

    /** {@code 00 B2 record (SFI<<3 | mode)}: SFI 0 is the current EF. */
    private Selection admitReadRecord(CommandApdu c) {
        int sfi = c.p2() >>> 3;
        return sfi == 0 ? currentFileReference(c) : fileReference(c, sfi);
    }

    /** {@code 00 20 00 80} on the current PIN EF, or {@code 00 20 00 (80|SFI)}. */
    private Selection admitVerify(CommandApdu c) {
        if (c.p1() != 0x00 || (c.p2() & 0xE0) != SPECIFIC_REFERENCE) {
            throw refused(c, "VERIFY is only for a PIN EF of the current application");
        }
        int sfi = c.p2() & 0x1F;
        return sfi == 0 ? currentFileReference(c) : fileReference(c, sfi);
    }

    /**
     * {@code 80 2A 00 80} with the current key EF, {@code 80 2A 00 (80|SFI)}, or {@code 80 2A 00 00} with the
     * 券面事項確認AP's own key (presence proof).
     */
    private Selection admitSignature(CommandApdu c) {
        if (c.p1() != 0x00) {
            throw refused(c, "COMPUTE DIGITAL SIGNATURE is only used with P1 00");
        }
        if (c.p2() == 0x00) {
            if (!possibleApplications.equals(EnumSet.of(Aid.CARD_FACE))) {
                throw refused(c, "the application's own key is only used in the 券面事項確認AP");
            }
            return new Selection.Unchanged();
        }
        if ((c.p2() & 0xE0) != SPECIFIC_REFERENCE) {
            throw refused(c, "unknown key reference");
        }
        int sfi = c.p2() & 0x1F;
        return sfi == 0 ? currentFileReference(c) : fileReference(c, sfi);
    }

    private Selection fileReference(CommandApdu c, int fid) {
        if (possibleApplications.isEmpty()) {
            throw refused(c, "no application selected in this session");
        }
        for (Aid application : possibleApplications) {
            if (!ALLOWED_FILES.get(application).contains(fid)) {
                throw refused(
                        c,
                        "EF " + String.format("%04X", fid) + " is not one the reception may touch in " + application);
            }
        }
        return new Selection.OfFile(fid);
    }

    private Selection currentFileReference(CommandApdu c) {
        if (currentFile.isEmpty()) {
            throw refused(c, "no allowed EF was selected in this session");
        }
        return new Selection.Unchanged();
    }

    private void remember(Selection selection, int sw) {
        switch (selection) {
            case Selection.OfApplication(Aid application) -> {
                currentFile = OptionalInt.empty();
                if (tookEffect(sw)) {
                    possibleApplications = EnumSet.of(application);
                    known = Optional.of(new CardSelection(application, OptionalInt.empty()));
                } else {
                    possibleApplications.add(application);
                    known = Optional.empty();
                }
            }
            case Selection.OfFile(int fid) -> {
                if (tookEffect(sw)) {
                    currentFile = OptionalInt.of(fid);
                    known = known.map(k -> new CardSelection(k.application(), OptionalInt.of(fid)));
                } else {
                    known = Optional.empty();
                }
            }
            case Selection.Unchanged() -> {}
        }
    }

    /**
     * 9000, 61xx (more data) and the warnings 62xx/63xx mean the command was processed. Other answers may or may not
     * have changed the selection, so the caller keeps both possibilities.
     */
    private static boolean tookEffect(int sw) {
        int sw1 = sw >> 8;
        return sw == Iso7816.SW_OK || sw1 == 0x61 || sw1 == 0x62 || sw1 == 0x63;
    }

    /** Whether one of the two starts with the other. */
    private static boolean sharesPrefix(byte[] name, byte[] aid) {
        int n = Math.min(name.length, aid.length);
        return Arrays.equals(name, 0, n, aid, 0, n);
    }

    private static MyNumberAccessRefused refused(CommandApdu c, String why) {
        return new MyNumberAccessRefused(c.header() + " refused: " + why);
    }

    @Override
    public Optional<CardSelection> knownSelection() {
        return known;
    }

    @Override
    public void close() {
        inner.close();
    }
}
