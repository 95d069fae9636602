package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
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
import org.uketsuke.app.reception.QueueFilter;
import org.uketsuke.app.reception.ReceptionRecord;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.mockbackend.Fault;
import org.uketsuke.training.DemoProfile;

/**
 * Today's queue on the staff console, filtered and searched in a real window: a PIN visit at the kiosk, lookups by
 * insurance number (confirmed, refused for a lost qualification, waiting out an outage), all through the demo's
 * real backend and store.
 */
@ExtendWith(ApplicationExtension.class)
class StaffQueueUiTest {

    @TempDir
    static Path dataDir;

    private DemoProfile env;
    private KioskWindows windows;

    @Start
    void open(Stage kioskStage) {
        env = DemoProfile.start(dataDir);
        windows = env.openWindows(kioskStage, new Stage(), new Messages(Messages.JAPANESE));
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
    void theQueueIsFilteredByStatusAndMethodAndSearchedByKanaAndNumber(FxRobot robot) throws Exception {
        // A PIN visit at the kiosk.
        DemoVisit.placeCardAndEnterPin(robot, env.demoPin());
        DemoVisit.answerEveryConsent(robot, "no");
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> robot.lookup("#resultPanel").query().isVisible());
        robot.clickOn("#removeCard");

        // Lookups by insurance number: two confirmed, one refused (資格喪失), one waiting out an outage.
        Qualification sato = env.backend().person(4);
        Qualification other = env.backend().person(5);
        env.backend().loseQualification(6);
        Qualification lost = env.backend().person(6);
        List<ReceptionRecord> records = new ArrayList<>();
        records.add(env.terminal().lookup().lookup(new InsuranceSearch(sato.card(), sato.birthdate(), false, "")));
        records.add(env.terminal().lookup().lookup(new InsuranceSearch(other.card(), other.birthdate(), false, "")));
        records.add(env.terminal().lookup().lookup(new InsuranceSearch(lost.card(), lost.birthdate(), false, "")));
        env.backend().injectFault(new Fault.Status(503), Integer.MAX_VALUE);
        records.add(env.terminal().lookup().lookup(new InsuranceSearch(other.card(), other.birthdate(), false, "")));
        assertThat(records)
                .extracting(QueueFilter::statusOf)
                .containsExactly(
                        QueueFilter.Status.CONFIRMED,
                        QueueFilter.Status.CONFIRMED,
                        QueueFilter.Status.FAILED,
                        QueueFilter.Status.WAITING);
        robot.interact(() -> records.forEach(windows.staff()::add));

        TableView<?> history = robot.lookup("#staffHistory").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> history.getItems().size() == 5);

        // Status, picked from the list as staff do.
        robot.clickOn("#queueStatus");
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".list-cell")
                .match(Labeled.class::isInstance)
                .match(n -> "確認できず".equals(((Labeled) n).getText()))
                .queryLabeled());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(history.getItems()).hasSize(1);
        select(robot, "#queueStatus", QueueFilter.Status.WAITING);
        assertThat(history.getItems()).hasSize(1);
        select(robot, "#queueStatus", QueueFilter.Status.CONFIRMED);
        assertThat(history.getItems()).hasSize(3);

        // Confirmed and by PIN: only the kiosk visit.
        select(robot, "#queueMethod", IdentityMethod.PIN);
        assertThat(history.getItems()).hasSize(1);
        select(robot, "#queueMethod", IdentityMethod.INSURANCE_NUMBER);
        assertThat(history.getItems()).hasSize(2);

        // Search: the name in hiragana finds the katakana 氏名カナ; the 記号・番号 in full width finds the same row.
        robot.clickOn("#queueSearch").write(hiragana(sato.nameKana()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(history.getItems()).hasSize(1);
        assertThat(((ReceptionRecord) history.getItems().getFirst())
                        .qualification()
                        .orElseThrow()
                        .nameKana())
                .isEqualTo(sato.nameKana());
        robot.interact(() -> robot.lookup("#queueSearch")
                .queryTextInputControl()
                .setText(fullWidth(sato.card().symbol() + "・" + sato.card().number())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(history.getItems()).hasSize(1);

        // Everything again.
        robot.interact(
                () -> robot.lookup("#queueSearch").queryTextInputControl().setText(""));
        select(robot, "#queueMethod", null);
        select(robot, "#queueStatus", null);
        assertThat(history.getItems()).hasSize(5);
        env.backend().injectFault(new Fault.None(), 0);
    }

    private static <T> void select(FxRobot robot, String query, T value) {
        @SuppressWarnings("unchecked")
        ComboBox<T> box = (ComboBox<T>) robot.lookup(query).queryAs(ComboBox.class);
        robot.interact(() -> box.setValue(value));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String hiragana(String katakana) {
        StringBuilder out = new StringBuilder();
        katakana.codePoints().forEach(c -> out.appendCodePoint(c >= 0x30A1 && c <= 0x30F6 ? c - 0x60 : c));
        return out.toString();
    }

    private static String fullWidth(String ascii) {
        StringBuilder out = new StringBuilder();
        ascii.codePoints().forEach(c -> out.appendCodePoint(c >= 0x21 && c <= 0x7E ? c + 0xFEE0 : c));
        return out.toString();
    }
}
