package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.uketsuke.app.staff.Role;
import org.uketsuke.training.DemoProfile;
import org.uketsuke.training.DemoStaff;

/**
 * The staff console behind its sign-in, on the demo's accounts: nothing of the console is usable before a good
 * password, a wrong one is refused in the console's language without saying whether the id exists, signing out
 * covers the console again, and only an administrator opens the スタッフ tab and adds an account there.
 */
@ExtendWith(ApplicationExtension.class)
class StaffLoginUiTest {

    @TempDir
    static Path dataDir;

    private DemoProfile env;
    private Stage staffStage;

    @Start
    void open(Stage kioskStage) {
        env = DemoProfile.start(dataDir);
        staffStage = new Stage();
        env.openWindows(kioskStage, staffStage, new Messages(Messages.JAPANESE));
    }

    @AfterEach
    void stopEnvironment() {
        env.close();
    }

    @Test
    void theConsoleOpensOnlyAfterTheRightPasswordAndSignOutCoversItAgain(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#loginPane").query().isVisible()).isTrue();
        assertThat(robot.lookup("#staffConsole").tryQuery())
                .as("before the first sign-in the console is not in the scene (cold start, docs/tuning.md)")
                .isEmpty();

        robot.clickOn("#loginStaffId").write(DemoStaff.RECEPTIONIST.id());
        robot.clickOn("#loginPassword").write("not-the-password");
        robot.clickOn("#loginSignIn");
        waitForMessage(robot, "スタッフ ID またはパスワードが違います。");
        robot.clickOn("#loginStaffId")
                .eraseText(DemoStaff.RECEPTIONIST.id().length())
                .write("nobody");
        robot.clickOn("#loginPassword").write("whatever-1");
        robot.clickOn("#loginSignIn");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> !robot.lookup("#loginSignIn").queryButton().isDisabled());
        assertThat(text(robot, "#loginMessage")).isEqualTo("スタッフ ID またはパスワードが違います。");
        assertThat(env.terminal().staffSession().current()).isEmpty();

        robot.clickOn("#loginStaffId").eraseText("nobody".length());
        DemoSignIn.receptionist(robot);
        assertThat(robot.lookup("#staffConsole").query().isVisible()).isTrue();
        assertThat(robot.lookup("#loginPane").query().isVisible()).isFalse();
        assertThat(text(robot, "#staffSignedIn")).contains(DemoStaff.RECEPTIONIST.name());

        robot.clickOn("#staffSignOut");
        WaitForAsyncUtils.waitFor(
                5, TimeUnit.SECONDS, () -> robot.lookup("#loginPane").query().isVisible());
        assertThat(robot.lookup("#staffConsole").query().isVisible()).isFalse();
        assertThat(env.terminal().staffSession().currentId()).isEmpty();
    }

    @Test
    void onlyAnAdministratorManagesAccountsOnTheConsole(FxRobot robot) throws Exception {
        DemoSignIn.receptionist(robot);
        assertThat(accountsTab(robot).isDisable())
                .as("a receptionist's スタッフ tab")
                .isTrue();
        robot.clickOn("#staffSignOut");
        WaitForAsyncUtils.waitFor(
                5, TimeUnit.SECONDS, () -> robot.lookup("#loginPane").query().isVisible());

        DemoSignIn.as(robot, DemoStaff.ADMINISTRATOR);
        assertThat(accountsTab(robot).isDisable()).isFalse();
        robot.interact(() -> accountsTab(robot).getTabPane().getSelectionModel().select(accountsTab(robot)));
        robot.clickOn("#accountId").write("kango");
        robot.clickOn("#accountName").write("Kango Hanako");
        robot.clickOn("#accountPassword").write("kango-pass-123");
        robot.clickOn("#accountRole-medical-viewer");
        robot.clickOn("#accountAdd");
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> text(robot, "#accountsMessage").equals("kango を追加しました。"));
        assertThat(env.terminal().staffAccounts().find("kango").orElseThrow().roles())
                .containsExactly(Role.MEDICAL_VIEWER);
    }

    @Test
    void theSignInScreenSpeaksEnglishToo(FxRobot robot) throws Exception {
        Messages english = new Messages(Messages.ENGLISH);
        LoginViewModel model = new LoginViewModel(
                env.terminal().staffSession(), env.terminal().staffAccounts(), Runnable::run, Runnable::run, english);
        robot.interact(() -> {
            staffStage.setScene(new Scene(new LoginView(model, english).root(), 600, 400));
            staffStage.show();
        });
        assertThat(robot.lookup("#loginSignIn").queryButton().getText()).isEqualTo("Sign in");
        assertThat(text(robot, "#loginMessage")).isEqualTo("Enter your staff ID and password.");
        robot.clickOn("#loginStaffId").write(DemoStaff.ADMINISTRATOR.id());
        robot.clickOn("#loginPassword").write("wrong-password");
        robot.clickOn("#loginSignIn");
        waitForMessage(robot, "The staff ID or password is wrong.");
    }

    private static Tab accountsTab(FxRobot robot) {
        return robot.lookup(".tab-pane").queryAllAs(TabPane.class).stream()
                .flatMap(pane -> pane.getTabs().stream())
                .filter(tab -> "accountsTab".equals(tab.getId()))
                .findFirst()
                .orElseThrow();
    }

    private static void waitForMessage(FxRobot robot, String message) throws Exception {
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> text(robot, "#loginMessage").equals(message));
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }
}
