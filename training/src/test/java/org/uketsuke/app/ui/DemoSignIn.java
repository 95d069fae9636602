package org.uketsuke.app.ui;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import org.uketsuke.training.DemoStaff;

/** Signs a demo account in at the staff console the way staff do: staff ID, password, サインイン. */
final class DemoSignIn {

    private DemoSignIn() {}

    static void as(FxRobot robot, DemoStaff.Account account) throws Exception {
        robot.clickOn("#loginStaffId").write(account.id());
        robot.clickOn("#loginPassword").write(account.password());
        robot.clickOn("#loginSignIn");
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                // The console joins the scene at the first sign-in: until then there is no label to read.
                () -> robot.lookup("#staffSignedIn")
                        .tryQueryAs(Label.class)
                        .map(signedIn -> signedIn.getText().contains(account.id()))
                        .orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void receptionist(FxRobot robot) throws Exception {
        as(robot, DemoStaff.RECEPTIONIST);
    }
}
