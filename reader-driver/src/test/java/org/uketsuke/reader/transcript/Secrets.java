package org.uketsuke.reader.transcript;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.Iso7816;
import org.uketsuke.reader.api.ResponseApdu;

/**
 * The test secrets a transcript's VERIFY commands carry, and the one way commands and answers are written in a
 * transcript. Only test values: the demo cards' PIN, a wrong one, and the virtual card face's 照合番号B.
 */
public final class Secrets {

    public static final String PIN = "1234";
    public static final String WRONG_PIN = "0000";
    public static final String COLLATION_B = "55021720352285";

    private static final Map<String, String> PLACEHOLDERS =
            Map.of("{pin}", PIN, "{wrong-pin}", WRONG_PIN, "{collation-b}", COLLATION_B);
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Secrets() {}

    /**
     * {@code header [Lc data] [Le]} in hex, split at those fields; a VERIFY's data as its placeholder. VERIFY data
     * that is no test secret is written as {@code {N bytes, no test secret}}, so it can never match a recording.
     */
    public static String command(CommandApdu command) {
        byte[] bytes = command.bytes();
        byte[] data = command.data();
        int lcField = data.length == 0 ? 0 : command.extended() ? 3 : 1;
        StringBuilder out = new StringBuilder(HEX.formatHex(bytes, 0, 4));
        if (lcField > 0) {
            out.append(' ').append(HEX.formatHex(bytes, 4, 4 + lcField)).append(' ');
            out.append(command.ins() == Iso7816.INS_VERIFY ? placeholder(data) : HEX.formatHex(data));
        }
        int leAt = 4 + lcField + data.length;
        if (leAt < bytes.length) {
            out.append(' ').append(HEX.formatHex(bytes, leAt, bytes.length));
        }
        Arrays.fill(data, (byte) 0);
        return out.toString();
    }

    public static String response(ResponseApdu response) {
        byte[] data = response.data();
        String sw = String.format("%04X", response.sw());
        return data.length == 0 ? sw : HEX.formatHex(data) + " " + sw;
    }

    public static ResponseApdu parseResponse(String text) {
        return ResponseApdu.parse(HEX.parseHex(text.replace(" ", "")));
    }

    private static String placeholder(byte[] data) {
        String ascii = new String(data, StandardCharsets.US_ASCII);
        return PLACEHOLDERS.entrySet().stream()
                .filter(e -> e.getValue().equals(ascii))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse("{" + data.length + " bytes, no test secret}");
    }
}
