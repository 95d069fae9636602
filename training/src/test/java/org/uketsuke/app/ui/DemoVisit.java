package org.uketsuke.app.ui;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Walks a PIN visit at the demo kiosk the way a patient does: card on the reader, PIN, consents, result. */
final class DemoVisit {

    private DemoVisit() {}

    /** Puts the card on the reader and enters {@code pin} on the pad; returns when the consent screen shows. */
    static void placeCardAndEnterPin(FxRobot robot, String pin) throws TimeoutException {
        robot.clickOn("#placeCard");
        awaitVisible(robot, "#pinPad", 20);
        WaitForAsyncUtils.waitForFxEvents();
        for (char digit : pin.toCharArray()) {
            robot.clickOn("#pinKey" + digit);
        }
        robot.clickOn("#pinOk");
        awaitVisible(robot, "#consentBox", 20);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Answers every consent item one by one ("yes" or "no") and goes on. */
    static void answerEveryConsent(FxRobot robot, String answer) {
        for (ConsentItem item : ConsentItem.values()) {
            robot.clickOn("#consent-" + item.name().toLowerCase(Locale.ROOT) + "-" + answer);
        }
        robot.clickOn("#consentNext");
    }

    /** Waits for the result screen (the backend's answer can take a while on a loaded machine). */
    static void awaitResult(FxRobot robot) throws TimeoutException {
        awaitVisible(robot, "#resultPanel", 30);
    }

    /** A whole PIN visit that declines every consent: card, PIN, "no" to each item, the result shown. */
    static void declineEverything(FxRobot robot, String pin) throws TimeoutException {
        placeCardAndEnterPin(robot, pin);
        answerEveryConsent(robot, "no");
        awaitResult(robot);
    }

    static void awaitVisible(FxRobot robot, String query, int seconds) throws TimeoutException {
        WaitForAsyncUtils.waitFor(
                seconds,
                TimeUnit.SECONDS,
                () -> robot.lookup(query).tryQuery().map(Node::isVisible).orElse(false));
    }
}
