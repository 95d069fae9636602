package org.uketsuke.eligibility.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message as bytes, kept as the national system sent it (docs/rececon-integration.md#face-folder): the only change
 * ever made is the character set a レセコン asked for — the declaration's {@code encoding}, the
 * {@code CharacterCodeIdentifier} and the encoding of the text; element order, whitespace and elements Uketsuke does
 * not model stay as they were.
 */
public final class ResultBytes {

    private static final Pattern ENCODING = Pattern.compile("^(<\\?xml[^>]*?encoding\\s*=\\s*[\"'])([^\"']+)([\"'])");
    private static final Pattern IDENTIFIER =
            Pattern.compile("(<CharacterCodeIdentifier>)\\s*[01]?\\s*(</CharacterCodeIdentifier>)");

    /** One result with the whitespace before it; the element does not nest in itself. */
    private static final Pattern RESULT = Pattern.compile(
            "[ \\t\\r\\n]*<ResultOfQualificationConfirmation(?:\\s[^>/]*)?>.*?</ResultOfQualificationConfirmation>",
            Pattern.DOTALL);

    /**
     * Code page 932, what the Windows programs writing these files mean by Shift_JIS: JIS X 0208 plus the NEC and IBM
     * extensions (髙, 﨑, ①) that Java's Shift_JIS turns into U+FFFD (docs/spec-notes/face-files.md#character-set).
     */
    static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    private ResultBytes() {}

    /** The character set to read text declared {@code declared} with: Shift_JIS is read as code page 932. */
    static Charset forReading(Charset declared) {
        return declared.equals(CharacterCode.SHIFT_JIS.charset()) ? WINDOWS_31J : declared;
    }

    /** The character set the message declares (UTF-8 without a declaration, as XML says). */
    public static Charset charsetOf(byte[] xml) {
        String head = new String(xml, 0, Math.min(xml.length, 200), StandardCharsets.ISO_8859_1);
        Matcher m = ENCODING.matcher(head.stripLeading());
        if (m.find()) {
            try {
                return Charset.forName(m.group(2));
            } catch (IllegalArgumentException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** The message as text. */
    public static String text(byte[] xml) {
        return new String(xml, forReading(charsetOf(xml)));
    }

    /**
     * The same message in {@code target}: the very bytes when it is already in that character set; otherwise the same
     * text with the declaration and {@code CharacterCodeIdentifier} changed, characters the target lacks written as
     * character references (which every XML reader turns back into the character).
     */
    public static byte[] in(byte[] xml, CharacterCode target) {
        Charset source = charsetOf(xml);
        if (CharacterCode.of(source) == target && source.equals(target.charset())) {
            return xml.clone();
        }
        String text = new String(xml, forReading(source));
        Matcher declaration = ENCODING.matcher(text);
        if (declaration.find()) {
            text = declaration.replaceFirst("$1" + Matcher.quoteReplacement(name(target)) + "$3");
        } else {
            text = "<?xml version=\"1.0\" encoding=\"" + name(target) + "\" standalone=\"no\"?>" + text;
        }
        text = IDENTIFIER.matcher(text).replaceFirst("$1" + target.identifier() + "$2");
        return encode(text, target.charset());
    }

    /**
     * Each result of a message that lists several {@code ResultOfQualificationConfirmation} (a face file with one
     * patient's results, or several patients'): the message with that result alone, in list order. Everything else —
     * header, body, whitespace, elements Uketsuke does not model, the character set — stays as it was; a message with
     * one result (or none) comes back as its very bytes. The caller checks the count against the parsed results: a
     * result written as an empty element is not found here.
     */
    public static List<byte[]> eachResult(byte[] xml) {
        Charset reading = forReading(charsetOf(xml));
        String text = new String(xml, reading);
        List<int[]> spans = new ArrayList<>();
        Matcher result = RESULT.matcher(text);
        while (result.find()) {
            spans.add(new int[] {result.start(), result.end()});
        }
        if (spans.size() <= 1) {
            return List.of(xml.clone());
        }
        List<byte[]> each = new ArrayList<>(spans.size());
        for (int keep = 0; keep < spans.size(); keep++) {
            StringBuilder alone = new StringBuilder(text.length());
            int from = 0;
            for (int i = 0; i < spans.size(); i++) {
                if (i != keep) {
                    alone.append(text, from, spans.get(i)[0]);
                    from = spans.get(i)[1];
                }
            }
            alone.append(text, from, text.length());
            each.add(alone.toString().getBytes(reading));
        }
        return each;
    }

    private static String name(CharacterCode code) {
        return code == CharacterCode.UTF_8 ? "UTF-8" : "Shift_JIS";
    }

    private static byte[] encode(String text, Charset charset) {
        CharsetEncoder encoder = charset.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            String ch = Character.toString(cp);
            if (encoder.canEncode(ch)) {
                out.append(ch);
            } else {
                out.append("&#x")
                        .append(Integer.toHexString(cp).toUpperCase(Locale.ROOT))
                        .append(';');
            }
        });
        try {
            ByteBuffer buffer = encoder.reset().encode(CharBuffer.wrap(out));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("an encodable text did not encode: " + e.getMessage(), e);
        }
    }
}
