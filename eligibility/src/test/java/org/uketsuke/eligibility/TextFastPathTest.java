package org.uketsuke.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts taken for speed give what the long way gave: {@link Text#normalise} on printable ASCII (no NFKC, no
 * dash folding) and {@link ContributionRatio#wire} without {@code String.format}.
 */
class TextFastPathTest {

    private static final Pattern DASHES = Pattern.compile("[\u2010-\u2015\u2212\uFE63]");

    /** What {@link Text#normalise} did for every input before the ASCII shortcut. */
    private static String theLongWay(String text) {
        return DASHES.matcher(Normalizer.normalize(text, Normalizer.Form.NFKC))
                .replaceAll("-")
                .strip();
    }

    @Test
    void printableAsciiNormalisesAsNfkcWithDashFoldingDid() {
        Random random = new Random(23);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                // mostly printable ASCII (spaces at the ends too), now and then a character off the shortcut
                int pick = random.nextInt(40);
                text.append(
                        pick == 0
                                ? "\t\u3000－０Ａ‐−ｰ髙\u00a0".charAt(random.nextInt(10))
                                : pick < 4 ? ' ' : (char) (0x20 + random.nextInt(0x5F)));
            }
            String input = text.toString();
            assertThat(Text.normalise(input)).as("%s", input).isEqualTo(theLongWay(input));
        }
    }

    @Test
    void theShortcutTakesPrintableAsciiOnly() {
        assertThat(Text.printableAscii(" 012-A ~")).isTrue();
        assertThat(Text.printableAscii("")).isTrue();
        assertThat(Text.printableAscii("01\t2")).isFalse();
        assertThat(Text.printableAscii("0\u007f")).isFalse();
        assertThat(Text.printableAscii("０１")).isFalse();
        assertThat(Text.normalise(" ０１２−Ａ ")).isEqualTo("012-A");
    }

    @Test
    void everyContributionRatioIsWrittenAsFormatWroteIt() {
        for (int percent = 0; percent <= 100; percent += 10) {
            ContributionRatio ratio = new ContributionRatio(percent);
            assertThat(ratio.wire()).isEqualTo(String.format(Locale.ROOT, "%03d", percent));
            assertThat(ContributionRatio.ofWire(ratio.wire())).isEqualTo(ratio);
        }
    }
}
