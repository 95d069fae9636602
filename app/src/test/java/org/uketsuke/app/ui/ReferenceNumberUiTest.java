package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;

/**
 * The console's 照会番号 tab in a real window against the mock backend over mTLS: a line that does not read is named
 * by its number and nothing is sent; two good lines are registered at once and each line's outcome is shown.
 */
@ExtendWith(ApplicationExtension.class)
class ReferenceNumberUiTest {

    @TempDir
    static Path dir;

    private static final Executor WORKER = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("reference-test").daemon().unstarted(r));

    private Stage stage;

    @Start
    void open(Stage stage) {
        this.stage = stage;
    }

    private static String line(Qualification q, String birthdate, String reference) {
        return String.join(
                ",",
                q.card().insurer().value(),
                q.card().symbol(),
                q.card().number(),
                q.card().branch(),
                birthdate,
                reference);
    }

    @Test
    void aBadLineIsNamedAndTwoGoodOnesAreRegisteredAtOnceWithEachOutcome(FxRobot robot) throws Exception {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 7L, 5))) {
            HttpsEligibilityClient client =
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5));
            Messages messages = new Messages(Messages.ENGLISH);
            ReferenceNumberViewModel model = new ReferenceNumberViewModel(
                    client::registerReferenceNumbers, WORKER, Platform::runLater, messages);
            robot.interact(() -> {
                stage.setScene(new Scene(new TabPane(ReferenceNumberView.tab(model, messages)), 900, 600));
                stage.show();
            });
            Qualification one = backend.person(1);
            Qualification two = backend.person(2);
            String birth = one.birthdate().format(DateTimeFormatter.BASIC_ISO_DATE);

            robot.interact(() -> model.entries.set(line(one, birth, "K-1") + "\n01130012,1,2"));
            robot.clickOn("#referenceSubmit");
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#referenceProblems").queryAs(Label.class).getText())
                    .startsWith("line 2: ")
                    .contains("6 values");
            assertThat(model.results.get()).isEmpty();

            robot.interact(() -> model.entries.set(line(one, birth, "K-1") + "\n" + line(two, "19000101", "K-2")));
            robot.clickOn("#referenceSubmit");
            WaitForAsyncUtils.waitFor(
                    10, TimeUnit.SECONDS, () -> !model.results.get().isEmpty());
            assertThat(robot.lookup("#referenceProblems").queryAs(Label.class).getText())
                    .isEmpty();
            assertThat(robot.lookup("#referenceResults").queryAs(Label.class).getText())
                    .contains("K-1: registered.")
                    .contains("K-2: not registered.");
        }
    }
}
