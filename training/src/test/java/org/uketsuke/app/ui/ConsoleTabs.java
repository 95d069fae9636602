package org.uketsuke.app.ui;

import javafx.scene.control.TabPane;
import org.testfx.api.FxRobot;

/** Chooses a staff console tab as its header (or the header row's overflow menu, with many tabs) would. */
final class ConsoleTabs {

    private ConsoleTabs() {}

    static void select(FxRobot robot, String id) {
        TabPane tabs = robot.lookup("#staffTabs").queryAs(TabPane.class);
        robot.interact(() -> tabs.getSelectionModel()
                .select(tabs.getTabs().stream()
                        .filter(t -> id.equals(t.getId()))
                        .findFirst()
                        .orElseThrow()));
    }
}
