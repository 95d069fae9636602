package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The page a kiosk that cannot start shows, in a real window: both languages, what staff do, the problem, the log. */
@ExtendWith(ApplicationExtension.class)
class MaintenancePageUiTest {

    private static final String PROBLEM =
            "uketsuke: /etc/uketsuke/uketsuke.conf: line 12, tls.key: /etc/uketsuke/terminal.key: permission denied";

    private Stage stage;

    @Start
    void open(Stage stage) {
        this.stage = stage;
    }

    @Test
    void showsTheMaintenanceNoticeInBothLanguagesTheProblemWhatStaffDoAndTheLogLine(FxRobot robot) {
        robot.interact(() -> {
            stage.setScene(new Scene(
                    MaintenancePage.content(
                            List.of(PROBLEM),
                            "/etc/uketsuke/uketsuke.conf",
                            "journalctl -u uketsuke-kiosk, start-failure-2026-12-04T09:00:00Z"),
                    1280,
                    800));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        List<String> texts = robot.lookup(".label").queryAllAs(Label.class).stream()
                .filter(Label::isVisible)
                .map(Label::getText)
                .toList();
        assertThat(texts)
                .contains("この端末は調整中です", "This terminal is under maintenance", PROBLEM)
                .anySatisfy(t -> assertThat(t).contains("uketsuke kiosk --config /etc/uketsuke/uketsuke.conf --check"))
                .anySatisfy(t -> assertThat(t).contains("受付端末を起動できませんでした"))
                .anySatisfy(t -> assertThat(t)
                        .isEqualTo("Log: journalctl -u uketsuke-kiosk, start-failure-2026-12-04T09:00:00Z"));
    }

    @Test
    void aDisplayIsThereWhenTheSessionSetsOne() {
        assertThat(MaintenancePage.displayAvailable(Map.of("DISPLAY", ":0")::get))
                .isTrue();
        assertThat(MaintenancePage.displayAvailable(Map.of("WAYLAND_DISPLAY", "wayland-0")::get))
                .isTrue();
        assertThat(MaintenancePage.displayAvailable(Map.<String, String>of()::get))
                .isFalse();
    }
}
