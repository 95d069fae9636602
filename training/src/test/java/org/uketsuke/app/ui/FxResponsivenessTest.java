package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.mockbackend.Fault;
import org.uketsuke.training.DemoProfile;

/**
 * How long the FX thread is kept from its queue while the heavy work happens (card, mTLS backend, sinks, a slow
 * backend answer, a batch pre-check from a file, the outbox list refreshing), measured with {@link FxStallProbe}
 * over the same scripted work {@value #RUNS} times. The goal of docs/reliability.md — never more than 100 ms — fails
 * the test when most runs exceed it (one run disturbed by the machine's other load does not decide; a stall the code
 * causes shows in every run, see {@code FxStallProbeTest}); the part of a stall during which the whole process was
 * held up (a collection, a machine short of CPU) is not counted against the FX thread. The figures go to
 * {@code target/fx-stalls.txt}.
 */
@ExtendWith(ApplicationExtension.class)
class FxResponsivenessTest {

    /** docs/reliability.md: the FX thread is never kept from its queue for longer. */
    static final Duration GOAL = Duration.ofMillis(100);

    static final int RUNS = 3;

    @TempDir
    static Path dataDir;

    private DemoProfile env;

    @Start
    void open(Stage kioskStage) {
        env = DemoProfile.start(dataDir);
        env.openWindows(kioskStage, new Stage(), new Messages(Messages.JAPANESE));
    }

    /** The staff console opens behind its sign-in: the demo receptionist signs in first. */
    @BeforeEach
    void signIn(FxRobot robot) throws Exception {
        DemoSignIn.receptionist(robot);
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    @Test
    void theFxThreadKeepsServingItsQueueWhileTheWorkRunsElsewhere(FxRobot robot) throws Exception {
        List<FxStallProbe.Stalls> runs = new ArrayList<>();
        StringBuilder report = new StringBuilder();
        for (int run = 0; run < RUNS; run++) {
            try (FxStallProbe probe = FxStallProbe.start()) {
                int patients = 50 - run; // a different count each run, so each run's summary is new text
                Label summary = scriptedWork(robot, patients);
                FxStallProbe.Stalls stalls = probe.stalls();
                runs.add(stalls);
                String line = String.format(
                        Locale.ROOT,
                        "FX thread, run %d of %d, during a PIN visit with a 1.5 s backend answer, a %d-patient batch"
                                + " pre-check and outbox refreshes: %d samples, median %.1f ms, p99 %.1f ms, max %.1f ms"
                                + " (%.1f ms the FX thread's own, the rest the whole process held up)",
                        run + 1,
                        RUNS,
                        patients,
                        stalls.samples(),
                        stalls.medianMs(),
                        stalls.p99Ms(),
                        stalls.maxMs(),
                        stalls.fxOwnMaxMs());
                System.out.println(line);
                report.append(line).append('\n');
                assertThat(stalls.samples())
                        .as("the probe sampled the FX queue throughout")
                        .isGreaterThan(100);
                assertThat(summary.getText()).contains("確認済");
            }
        }
        Files.writeString(Path.of("target", "fx-stalls.txt"), report);
        assertThat(FxStallProbe.exceededInMost(runs, GOAL))
                .as("the FX thread was kept from its queue longer than %d ms in most runs: %s", GOAL.toMillis(), runs)
                .isFalse();
    }

    /** The kiosk and the staff console are two windows: the one clicked next comes to the front first. */
    private static void toFront(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        robot.interact(() -> ((Stage) node.getScene().getWindow()).toFront());
    }

    /** One visit, one batch pre-check of {@code patients} booked patients, one outbox refresh; the summary label. */
    private Label scriptedWork(FxRobot robot, int patients) throws Exception {
        toFront(robot, "#placeCard");
        // A PIN visit with a slow backend answer (1.5 s): the kiosk shows progress, the FX thread stays free.
        env.backend().injectFault(new Fault.Latency(Duration.ofMillis(1500)), 1);
        DemoVisit.declineEverything(robot, env.demoPin());
        robot.clickOn("#removeCard");

        StringBuilder csv = new StringBuilder("保険者番号,記号,番号,枝番,生年月日,患者ID\n");
        for (int i = 0; i < patients; i++) {
            Qualification q = env.backend().person(i);
            csv.append(q.card().insurer().value())
                    .append(',')
                    .append(q.card().symbol())
                    .append(',')
                    .append(q.card().number())
                    .append(',')
                    .append(q.card().branch())
                    .append(',')
                    .append(q.birthdate())
                    .append(",P")
                    .append(i)
                    .append('\n');
        }
        Path file = dataDir.resolve("booked-" + patients + ".csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        toFront(robot, "#precheckTab");
        robot.clickOn("#precheckTab");
        TextField path = robot.lookup("#precheckFile").queryAs(TextField.class);
        robot.interact(path::clear);
        robot.clickOn(path).write(file.toString());
        robot.clickOn("#precheckRun");
        Label summary = robot.lookup("#precheckSummary").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> summary.getText().startsWith(patients + "人を照会しました"));

        robot.clickOn("#deliveriesTab");
        TableView<?> deliveries = robot.lookup("#deliveriesTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> deliveries.getItems().size() > 1);
        Thread.sleep(2_500); // one more refresh of the outbox list
        return summary;
    }
}
