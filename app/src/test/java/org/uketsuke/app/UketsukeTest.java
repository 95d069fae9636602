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

    @Test
    void theProductsOwnCommandsNeedNoContribution() {
        assertThat(Uketsuke.commandLine().getSubcommands())
                .containsKeys("kiosk", "reader", "audit")
                .doesNotContainKeys("demo", "backend", "card");
    }
}
