package org.uketsuke.eligibility.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.PrescriptionForm;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The plain writer gives the identity {@code Transformer}'s bytes, or declines: on generated results (both character
 * codes), card requests and arbitrary trees whose text mixes markup, kana, kanji, characters outside Shift_JIS, line
 * ends, controls and astral characters (quicktheories, fixed seed).
 */
class PlainXmlWriterTest {

    private static final String TREE_TEXT =
            "AZaz09-_.&<>\"'/;:=#%+ \\~¥‾　ｱｶﾞｰア受付花子髙﨑～〜①ⅡΩЖ\u00A0\u0085\t\n\r\u007F😀𠮷\u2028\u0001\uD800";

    @Test
    void generatedResultsAreWrittenAsTheTransformerWritesThem() {
        AtomicInteger plain = new AtomicInteger();
        AtomicInteger all = new AtomicInteger();
        qt().withFixedSeed(20261205L)
                .withExamples(1_000)
                .forAll(ResultRoundTripPropertyTest.results())
                .checkAssert(message -> {
                    Charset charset = message.characterCode().charset();
                    if (sameAsTransformer(QualificationXml.resultDocument(message), charset)) {
                        plain.incrementAndGet();
                    }
                    all.incrementAndGet();
                });
        // Every generated result's text is one the plain writer writes (emoji, kanji outside Shift_JIS and all).
        assertThat(plain.get()).isEqualTo(all.get());
    }

    @Test
    void generatedCardRequestsAreWrittenByThePlainWriterAsTheTransformerWritesThem() {
        qt().withFixedSeed(20261205L).withExamples(500).forAll(cardRequests()).checkAssert(request -> {
            Document document = QualificationXml.cardRequestDocument(request, "1311234567", "20261205101500");
            // Base64, codes and an ASCII file id: always the plain writer.
            assertThat(sameAsTransformer(document, StandardCharsets.UTF_8)).isTrue();
        });
    }

    @Test
    void generatedTreesAreWrittenAsTheTransformerWritesThemInBothCharsets() {
        AtomicInteger plain = new AtomicInteger();
        qt().withFixedSeed(20261205L).withExamples(2_000).forAll(trees()).checkAssert(document -> {
            for (CharacterCode code : CharacterCode.values()) {
                if (sameAsTransformer(document, code.charset())) {
                    plain.incrementAndGet();
                }
            }
        });
        assertThat(plain.get()).isGreaterThan(200);
    }

    @Test
    void anElementWithAnAttributeIsLeftToTheTransformer() {
        Document document = SafeXml.newDocument();
        Element root = SafeXml.child(document, "XmlMsg");
        root.setAttribute("a", "1");
        assertThat(PlainXmlWriter.write(document, StandardCharsets.UTF_8)).isEmpty();
        assertThat(new String(SafeXml.write(document, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .contains("<XmlMsg a=\"1\"/>");
    }

    @Test
    void mixedContentIsLeftToTheTransformer() {
        Document document = SafeXml.newDocument();
        Element root = SafeXml.child(document, "XmlMsg");
        root.appendChild(document.createTextNode("text"));
        SafeXml.leaf(root, "Leaf", "x");
        assertThat(PlainXmlWriter.write(document, StandardCharsets.UTF_8)).isEmpty();
        assertThat(SafeXml.write(document, StandardCharsets.UTF_8))
                .isEqualTo(SafeXml.transformed(document, StandardCharsets.UTF_8));
    }

    /** True when the plain writer wrote the document (with the Transformer's bytes), false when it declined. */
    private static boolean sameAsTransformer(Document document, Charset charset) {
        Optional<byte[]> plain = PlainXmlWriter.write(document, charset);
        byte[] transformed;
        try {
            transformed = SafeXml.transformed(document, charset);
        } catch (IllegalStateException refused) {
            // Text that XML 1.0 cannot hold (a C0 control): the plain writer declines and the Transformer refuses.
            assertThat(plain).isEmpty();
            return false;
        }
        plain.ifPresent(bytes -> assertThat(new String(bytes, charset)).isEqualTo(new String(transformed, charset)));
        plain.ifPresent(bytes -> assertThat(bytes).isEqualTo(transformed));
        assertThat(SafeXml.write(document, charset)).isEqualTo(transformed);
        return plain.isPresent();
    }

    private static Gen<CardConfirmationRequest> cardRequests() {
        return in -> new CardConfirmationRequest(
                bytes(in, 1, 1200),
                bytes(in, 1, 32),
                bytes(in, 1, 256),
                pick(in, IdentityMethod.values()),
                Consents.answered(
                        pick(in, Consent.values()),
                        pick(in, Consent.values()),
                        pick(in, Consent.values()),
                        pick(in, Consent.values()),
                        pick(in, Consent.values()),
                        pick(in, Consent.values())),
                Long.toString(in.next(Constraint.between(0, Long.MAX_VALUE)), 36),
                null,
                pick(in, PrescriptionForm.ELECTRONIC, PrescriptionForm.PAPER, null),
                pick(in, ConsentScenario.values()));
    }

    /** Elements up to four deep, each empty, holding one text or one to four elements. */
    private static Gen<Document> trees() {
        return in -> {
            Document document = SafeXml.newDocument();
            fill(in, SafeXml.child(document, "Root"), 0);
            return document;
        };
    }

    private static void fill(RandomnessSource in, Element element, int depth) {
        long kind = in.next(Constraint.between(0, depth >= 3 ? 1 : 2));
        if (kind == 1) {
            element.appendChild(element.getOwnerDocument().createTextNode(text(in)));
        } else if (kind == 2) {
            long children = in.next(Constraint.between(1, 4));
            for (int i = 0; i < children; i++) {
                fill(in, SafeXml.child(element, "E" + i), depth + 1);
            }
        }
    }

    private static String text(RandomnessSource in) {
        int[] alphabet = TREE_TEXT.codePoints().toArray();
        // Mostly without the last three (U+2028, a C0 control, a lone surrogate), which the plain writer declines.
        int bound = in.next(Constraint.between(0, 3)) == 0 ? alphabet.length : alphabet.length - 3;
        StringBuilder out = new StringBuilder();
        long length = in.next(Constraint.between(1, 12));
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(alphabet[(int) in.next(Constraint.between(0, bound - 1))]);
        }
        return out.toString();
    }

    private static byte[] bytes(RandomnessSource in, int min, int max) {
        byte[] bytes = new byte[(int) in.next(Constraint.between(min, max))];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) in.next(Constraint.between(-128, 127));
        }
        return bytes;
    }

    @SafeVarargs
    private static <T> T pick(RandomnessSource in, T... values) {
        return values[(int) in.next(Constraint.between(0, values.length - 1))];
    }
}
