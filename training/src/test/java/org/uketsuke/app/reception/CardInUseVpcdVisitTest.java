package org.uketsuke.app.reception;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.flow.Problem;
import org.uketsuke.app.flow.VisitEvent;
import org.uketsuke.app.flow.VisitSnapshot;
import org.uketsuke.app.flow.VisitState;
import org.uketsuke.training.DemoProfile;
import org.uketsuke.training.ReaderMode;

/**
 * A card another program holds shows the patient its own message, driver to screen: the machine's pcscd with the
 * virtual card in vpcd, a second JVM holding the card exclusively, and the visit's read answering CARD_IN_USE after
 * the driver's wait — not CARD_REMOVED. Uses the machine's pcscd: run under the card lock.
 */
class CardInUseVpcdVisitTest {

    @TempDir
    Path dir;

    @Test
    void aCardHeldByAnotherProgramShowsItsOwnMessage() throws Exception {
        try (DemoProfile env = DemoProfile.start(dir, ReaderMode.VPCD)) {
            VisitStates states = VisitStates.of(env);
            env.demoCard().insert();
            states.await(VisitState.AWAITING_PIN);
            // The visit ends (its session is released); then another program takes the card before the next read.
            env.terminal().controller().fire(new VisitEvent.CardRemoved());
            states.await(VisitState.SHOWING_PROBLEM);
            Process other = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            OtherProgramHoldingTheCard.class.getName(),
                            env.terminal().slot().describe())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try {
                BufferedReader said =
                        new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(said.readLine())
                        .as("the other program holds the card")
                        .isEqualTo("held");
                env.terminal().controller().fire(new VisitEvent.CardPlaced());
                VisitSnapshot shown = states.await(VisitState.SHOWING_PROBLEM);
                assertThat(shown.problem()).contains(Problem.CARD_IN_USE);
            } finally {
                other.getOutputStream().close(); // lets go
                assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            env.terminal().controller().fire(new VisitEvent.CardPlaced());
            states.await(VisitState.AWAITING_PIN);
            env.demoCard().remove();
        }
    }
}
