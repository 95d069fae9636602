package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.ui.ScreenLayout.Area;
import org.uketsuke.app.ui.ScreenLayout.Placement;
import org.uketsuke.app.ui.ScreenLayout.Screen;
import org.uketsuke.app.ui.ScreenLayout.Screens;

/** The counter's window placement from the screens' bounds: one screen, two screens, scaled screens, panels. */
class ScreenLayoutTest {

    private static Screen bare(double x, double y, double width, double height) {
        Area area = new Area(x, y, width, height);
        return new Screen(area, area);
    }

    @Test
    void twoScreensPutTheKioskOnTheFirstAndTheConsoleOnTheSecondWhole() {
        Screen customer = bare(0, 0, 1280, 1024);
        Screen staff = new Screen(new Area(1280, 0, 1920, 1080), new Area(1280, 32, 1920, 1048));

        Placement placed = ScreenLayout.place(List.of(customer, staff), Screens.AUTO);

        assertThat(placed.kiosk()).isEqualTo(new Area(0, 0, 1280, 1024));
        assertThat(placed.staff()).isEqualTo(new Area(1280, 32, 1920, 1048));
        assertThat(placed.staffOnOwnScreen()).isTrue();
        assertThat(placed.secondScreenMissing()).isFalse();
    }

    @Test
    void aSecondScreenLeftOfThePrimaryStillGetsTheConsole() {
        Placement placed = ScreenLayout.place(List.of(bare(0, 0, 1920, 1080), bare(-1280, 0, 1280, 1024)), Screens.TWO);

        assertThat(placed.kiosk()).isEqualTo(new Area(0, 0, 1920, 1080));
        assertThat(placed.staff()).isEqualTo(new Area(-1280, 0, 1280, 1024));
    }

    @Test
    void oneScreenCentresAConsoleOfWorkableSizeOverTheKiosk() {
        Placement placed = ScreenLayout.place(List.of(bare(0, 0, 1920, 1080)), Screens.AUTO);

        assertThat(placed.kiosk()).isEqualTo(new Area(0, 0, 1920, 1080));
        assertThat(placed.staff()).isEqualTo(new Area(510, 190, 900, 700));
        assertThat(placed.staffOnOwnScreen()).isFalse();
        assertThat(placed.secondScreenMissing()).isFalse();
    }

    @Test
    void aSmallOrScaledScreenShrinksTheConsoleToFit() {
        // 1024×768 at a UI scale of 4/3 is 768×576 in the toolkit's units: the console keeps a margin on each side.
        Placement placed = ScreenLayout.place(List.of(bare(0, 0, 768, 576)), Screens.AUTO);

        assertThat(placed.kiosk()).isEqualTo(new Area(0, 0, 768, 576));
        assertThat(placed.staff().width()).isEqualTo(768 * 0.9);
        assertThat(placed.staff().height()).isEqualTo(576 * 0.9);
        assertThat(placed.staff().x()).isEqualTo(768 * 0.05, Offset.offset(1e-9));
    }

    @Test
    void oneAsConfiguredKeepsTheConsoleOnTheKiosksScreenEvenWithASecondConnected() {
        Placement placed = ScreenLayout.place(List.of(bare(0, 0, 1920, 1080), bare(1920, 0, 1920, 1080)), Screens.ONE);

        assertThat(placed.staffOnOwnScreen()).isFalse();
        assertThat(placed.staff().x()).isBetween(0.0, 1920.0 - 900);
    }

    @Test
    void twoAsConfiguredWithOnlyOneScreenFallsBackAndSaysSo() {
        Placement placed = ScreenLayout.place(List.of(bare(0, 0, 1366, 768)), Screens.TWO);

        assertThat(placed.staffOnOwnScreen()).isFalse();
        assertThat(placed.secondScreenMissing()).isTrue();
        assertThat(placed.staff().height()).isEqualTo(768 * 0.9);
    }

    @Test
    void theChoiceIsReadAsWrittenAndAnythingElseIsRefused() {
        assertThat(Screens.parse(" Two ")).isEqualTo(Screens.TWO);
        assertThat(Screens.parse("1")).isEqualTo(Screens.ONE);
        assertThat(Screens.parse("auto")).isEqualTo(Screens.AUTO);
        assertThatThrownBy(() -> Screens.parse("three")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ScreenLayout.place(List.of(), Screens.AUTO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
