package org.uketsuke.reader.guard;

import java.util.Arrays;
import java.util.Optional;
import org.uketsuke.reader.api.Aid;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.Iso7816;
import org.uketsuke.reader.api.ResponseApdu;

/**
 * Makes reading the My Number impossible through any transport the driver hands out. It follows which application
 * is current and refuses, before sending:
 * <ul>
 *   <li>any SELECT by name of the 券面事項入力補助AP (which holds the My Number), including a partial-name select
 *       that could match it;</li>
 *   <li>under the 券面事項確認AP: EF 0005 (the image of the My Number) and 照合番号A (EF 0013), by SELECT, short-EF
 *       READ BINARY or VERIFY by SFI;</li>
 *   <li>under the JPKI AP: the signing certificate EF 0001 (name, address) and the signing key/password EFs
 *       001A/001B;</li>
 *   <li>SELECT by path or of the MF with data, which would bypass the tracking above.</li>
 * </ul>
 */
public final class MyNumberGuard implements ApduTransport {

    private final ApduTransport inner;
    private Optional<Aid> current = Optional.empty();

    private MyNumberGuard(ApduTransport inner) {
        this.inner = inner;
    }

    /** Wraps a transport; wrapping a guard again returns it as is. */
    public static ApduTransport guard(ApduTransport transport) {
        return transport instanceof MyNumberGuard ? transport : new MyNumberGuard(transport);
    }

    @Override
    public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
        check(command);
        ResponseApdu answer = inner.transmit(command);
        if (isSelectByName(command) && answer.ok()) {
            current = Aid.of(command.data());
        }
        return answer;
    }

    private void check(CommandApdu c) {
        int cla = c.cla() & 0xF0;
        if (c.ins() == Iso7816.INS_SELECT && cla == 0x00) {
            checkSelect(c);
        } else if (c.ins() == Iso7816.INS_READ_BINARY && (c.p1() & 0x80) != 0) {
            checkFile(c.p1() & 0x1F, "READ BINARY by SFI");
        } else if (c.ins() == Iso7816.INS_VERIFY && (c.p2() & 0x80) != 0 && (c.p2() & 0x1F) != 0) {
            checkFile(c.p2() & 0x1F, "VERIFY by SFI");
        }
    }

    private void checkSelect(CommandApdu c) {
        byte[] data = c.data();
        switch (c.p1()) {
            case Iso7816.P1_SELECT_BY_NAME -> {
                byte[] forbidden = Aid.TEXT_INPUT_SUPPORT.bytes();
                if (data.length == 0 || startsWith(forbidden, data)) {
                    throw new MyNumberAccessRefused("SELECT of the 券面事項入力補助AP (My Number) is never allowed");
                }
            }
            case Iso7816.P1_SELECT_EF -> {
                if (data.length != 2) {
                    throw new MyNumberAccessRefused("SELECT EF needs a 2-byte file id");
                }
                checkFile(((data[0] & 0xFF) << 8) | (data[1] & 0xFF), "SELECT EF");
            }
            default -> {
                if (data.length > 0) {
                    throw new MyNumberAccessRefused(
                            "SELECT with P1=" + Integer.toHexString(c.p1()) + " would bypass the My Number guard");
                }
            }
        }
    }

    private void checkFile(int fid, String how) {
        Aid app = current.orElse(null);
        if (app == Aid.CARD_FACE && (fid == 0x0005 || fid == 0x0013)) {
            throw new MyNumberAccessRefused(how + " of EF " + hex(fid) + " (My Number / 照合番号A) is never allowed");
        }
        if (app == Aid.JPKI && (fid == 0x0001 || fid == 0x001A || fid == 0x001B)) {
            throw new MyNumberAccessRefused(how + " of JPKI EF " + hex(fid) + " (signing certificate) is not allowed");
        }
        if (app == Aid.TEXT_INPUT_SUPPORT) {
            throw new MyNumberAccessRefused("no command may run under the 券面事項入力補助AP");
        }
    }

    private static boolean isSelectByName(CommandApdu c) {
        return c.ins() == Iso7816.INS_SELECT && c.p1() == Iso7816.P1_SELECT_BY_NAME;
    }

    private static boolean startsWith(byte[] whole, byte[] prefix) {
        return prefix.length <= whole.length && Arrays.equals(whole, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static String hex(int fid) {
        return String.format("%04X", fid);
    }

    @Override
    public void close() {
        inner.close();
    }
}
