package org.uketsuke.eligibility.wire;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Writes the documents our codecs build — elements that hold either elements or one text, no attributes — with the
 * same bytes as {@link SafeXml}'s identity {@code Transformer} (indent 2, {@code standalone="no"}), without the
 * serializer that {@code Transformer} makes for every message (most of a message's write CPU, docs/tuning.md).
 *
 * <p>It answers empty for anything outside that shape, and for text holding a character the {@code Transformer} would
 * write as a character reference or normalise (controls, line ends, C1 controls, U+2028/9, surrogates, characters the
 * charset cannot encode): those documents are written by the {@code Transformer} as before.
 * {@code PlainXmlWriterTest} compares both writers on generated messages and trees.
 */
final class PlainXmlWriter {

    private static final String LINE = System.lineSeparator();

    private final StringBuilder out = new StringBuilder(2048);

    private final CharsetEncoder encoder;

    private PlainXmlWriter(Charset charset) {
        this.encoder = charset.equals(StandardCharsets.UTF_8) ? null : charset.newEncoder();
    }

    static Optional<byte[]> write(Document document, Charset charset) {
        if (!"1.0".equals(document.getXmlVersion())) {
            return Optional.empty();
        }
        Node root = document.getFirstChild();
        if (!(root instanceof Element element) || root.getNextSibling() != null) {
            return Optional.empty();
        }
        PlainXmlWriter writer = new PlainXmlWriter(charset);
        writer.out
                .append("<?xml version=\"1.0\" encoding=\"")
                .append(charset.name())
                .append("\" standalone=\"no\"?>")
                .append(LINE);
        if (!writer.element(element, 0)) {
            return Optional.empty();
        }
        writer.out.append(LINE);
        return Optional.of(writer.out.toString().getBytes(charset));
    }

    private boolean element(Element element, int depth) {
        if (element.hasAttributes()) {
            return false;
        }
        String name = element.getTagName();
        Node first = element.getFirstChild();
        if (first == null) {
            out.append('<').append(name).append("/>");
            return true;
        }
        out.append('<').append(name).append('>');
        if (first.getNodeType() == Node.TEXT_NODE && first.getNextSibling() == null) {
            if (!text(first.getNodeValue())) {
                return false;
            }
        } else {
            for (Node child = first; child != null; child = child.getNextSibling()) {
                if (!(child instanceof Element inner)) {
                    return false;
                }
                newLine(depth + 1);
                if (!element(inner, depth + 1)) {
                    return false;
                }
            }
            newLine(depth);
        }
        out.append("</").append(name).append('>');
        return true;
    }

    private void newLine(int depth) {
        out.append(LINE);
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    /**
     * Appends the text escaped as the {@code Transformer} escapes it: markup as entities, carriage returns, DEL, C1
     * controls, astral characters and characters the charset cannot encode as character references, line feeds as the
     * line separator. False for what it would refuse or might write otherwise (other controls, U+2028/9, a lone
     * surrogate).
     */
    private boolean text(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F) {
                switch (c) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    default -> out.append(c);
                }
            } else if (c == '\t') {
                out.append(c);
            } else if (c == '\n') {
                out.append(LINE);
            } else if (c == '\r' || (c >= 0x7F && c <= 0x9F)) {
                reference(c);
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                return false;
            } else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                reference(Character.toCodePoint(c, text.charAt(++i)));
            } else if (Character.isSurrogate(c)) {
                return false;
            } else if (encoder != null && !encoder.canEncode(c)) {
                reference(c);
            } else {
                out.append(c);
            }
        }
        return true;
    }

    private void reference(int codePoint) {
        out.append("&#").append(codePoint).append(';');
    }
}
