package org.uketsuke.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The production package alone: the training package's commands are absent and say where they come from. */
class UketsukeTest {

    @Test
    void demoWithoutTheTrainingPackageNamesThePackageInEnglishAndJapanese() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Uketsuke.execute(
                new String[] {"demo", "--headless", "--once"}, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("'demo' is provided by the training package (uketsuke-training)")
                .contains("トレーニング用パッケージ");
    }

    /** A start builds only the command it names (cold start): it still parses its options and answers --help. */
    @Test
    void aNamedCommandRunsOnItsOwnAndAnUnknownOneGetsTheWholeTree() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(Uketsuke.execute(new String[] {"kiosk", "--help"}, errors)).isZero();
        assertThat(Uketsuke.execute(new String[] {"kiosk", "--no-such-option"}, errors))
                .isEqualTo(2);
        assertThat(Uketsuke.execute(new String[] {"no-such-command"}, errors)).isEqualTo(2);
    }

    /** The windows' toolkit starts first only for a start that opens them, with the kiosk's scale fixed before. */
    @Test
    void onlyAWindowedStartStartsTheToolkitEarly() {
        assertThat(Uketsuke.startsToolkitEarly(new String[] {"demo", "--exit-when-ready"}))
                .isTrue();
        assertThat(Uketsuke.startsToolkitEarly(new String[] {"demo", "--headless", "--once"}))
                .isFalse();
        assertThat(Uketsuke.startsToolkitEarly(new String[] {"kiosk", "--config", "a.conf", "--check"}))
                .isFalse();
        assertThat(Uketsuke.startsToolkitEarly(new String[] {"kiosk", "--config", "a.conf", "--headless-visit"}))
                .isFalse();
        assertThat(Uketsuke.startsToolkitEarly(new String[] {"kiosk", "--help"}))
                .isFalse();
        assertThat(Uketsuke.startsToolkitEarly(new String[] {"audit", "verify"}))
                .isFalse();
        assertThat(Uketsuke.startsToolkitEarly(new String[0])).isFalse();
        // A scale the command refuses (or one given twice) leaves the start, and the message, to the command.
        assertThat(Uketsuke.startsToolkitEarly(new String[] {"kiosk", "--config", "a.conf", "--ui-scale", "9"}))
                .isFalse();
        assertThat(Uketsuke.startsToolkitEarly(new String[] {"kiosk", "--config", "a.conf", "--ui-scale=x"}))
                .isFalse();
        assertThat(Uketsuke.startsToolkitEarly(
                        new String[] {"kiosk", "--config", "a.conf", "--ui-scale", "1", "--ui-scale", "2"}))
                .isFalse();
        String gtk = System.getProperty("glass.gtk.uiScale");
        try {
            assertThat(Uketsuke.startsToolkitEarly(new String[] {"kiosk", "--config", "a.conf", "--ui-scale=1.5"}))
                    .isTrue();
            assertThat(System.getProperty("glass.gtk.uiScale")).isEqualTo("1.5");
        } finally {
            if (gtk == null) {
                System.clearProperty("glass.gtk.uiScale");
                System.clearProperty("glass.win.uiScale");
            } else {
                System.setProperty("glass.gtk.uiScale", gtk);
                System.setProperty("glass.win.uiScale", gtk);
            }
        }
    }

    @Test
    void theProductsOwnCommandsNeedNoContribution() {
        assertThat(Uketsuke.commandLine().getSubcommands())
                .containsKeys("kiosk", "reader", "audit")
                .doesNotContainKeys("demo", "backend", "card");
    }
}
