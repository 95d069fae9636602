package org.uketsuke.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uketsuke.app.Uketsuke;
import picocli.CommandLine;

/** With the tools jar on the class path, {@code uketsuke} offers bench, soak and face eval (found through the SPI). */
class ToolsCommandsTest {

    @Test
    void theToolsJoinTheUketsukeCommandLine() {
        CommandLine cli = Uketsuke.commandLine();
        assertThat(cli.getSubcommands()).containsKeys("bench", "soak", "face", "audit", "kiosk");
        assertThat(cli.getSubcommands().get("face").getSubcommands()).containsKey("eval");
    }

    @Test
    void theProductItselfNoLongerCarriesTheTools() {
        assertThat(new CommandLine(new Uketsuke()).getSubcommands()).doesNotContainKeys("bench", "soak", "face");
    }
}
