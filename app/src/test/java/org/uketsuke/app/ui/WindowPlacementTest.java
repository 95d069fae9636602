package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The staff console's remembered window: round trip, private file, damaged file, a monitor that went away. */
class WindowPlacementTest {

    @TempDir
    Path dir;

    @Test
    void aSavedPlacementComesBackFromAFileOnlyTheTerminalUserCanRead() throws Exception {
        Path file = dir.resolve("staff-window.properties");
        new WindowPlacement(100, 50, 1300, 820).save(file);
        assertThat(WindowPlacement.load(file)).contains(new WindowPlacement(100, 50, 1300, 820));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void aMissingOrDamagedFileIsNotRemembered() throws Exception {
        Path file = dir.resolve("staff-window.properties");
        assertThat(WindowPlacement.load(file)).isEmpty();
        Files.writeString(file, "x=1\ny=oops\nwidth=10\n");
        assertThat(WindowPlacement.load(file)).isEmpty();
        Files.writeString(file, "x=NaN\ny=0\nwidth=900\nheight=700\n");
        assertThat(WindowPlacement.load(file)).isEmpty();
    }

    @Test
    void aWindowLeftOnAMonitorThatIsGoneOpensInsideTheScreenThereIs() {
        WindowPlacement onSecondMonitor = new WindowPlacement(2200, 100, 1280, 800);
        assertThat(onSecondMonitor.within(0, 0, 1366, 728)).isEqualTo(new WindowPlacement(86, 100, 1280, 628));
    }

    @Test
    void theDemoConsoleBesideTheKioskGivesUpWidthInsteadOfRunningOffTheScreen() {
        assertThat(WindowPlacement.CONSOLE_DEFAULT.within(0, 0, 1920, 1040))
                .isEqualTo(new WindowPlacement(1040, 0, 880, 800));
        assertThat(WindowPlacement.CONSOLE_DEFAULT.within(0, 0, 2560, 1400)).isEqualTo(WindowPlacement.CONSOLE_DEFAULT);
    }
}
