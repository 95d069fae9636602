package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigResult;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.production.ProductionTerminal;
import org.uketsuke.app.production.TerminalDiagnostics;
import org.uketsuke.app.production.TerminalFiles;
import org.uketsuke.app.terminal.Terminal;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.uketsuke.reader.sim.CardPersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VpcdConnector;

/**
 * The production windows as {@code kiosk --config} opens them: no demo controls, the 設定 tab, the face check not
 * offered; a PIN visit with a card on the configured PC/SC reader (vpcd) lands in the staff queue.
 */
@ExtendWith(ApplicationExtension.class)
class ProductionWindowsUiTest {

    @TempDir
    static Path dir;

    private MockBackend backend;
    private Terminal env;
    private Stage kioskStage;

    @Start
    void open(Stage stage) {
        kioskStage = stage;
    }

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void aPinVisitOnTheProductionWindowsReachesTheStaffQueue(FxRobot robot) throws Exception {
        backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend"), 0, 42L, 10));
        TerminalFiles files = TerminalFiles.write(backend.terminalTls(), Files.createDirectories(dir.resolve("etc")));
        String text = """
                terminal.id=counter-3
                institution.code=1311234567
                reader=Virtual PCD 00 00
                camera=none
                kiosk.identity_checks=pin,visual
                backend.url=%s
                tls.certificate=%s
                tls.key=%s
                tls.trusted_cas=%s
                data_dir=%s
                """.formatted(
                        backend.baseUri(), files.certificate(), files.key(), files.trustedCas(), dir.resolve("data"));
        Path conf = dir.resolve("uketsuke.conf");
        Files.writeString(conf, text);
        UketsukeConfig config = ((ConfigResult.Ok) ConfigParser.parse(text)).config();
        env = ProductionTerminal.start(config, Map.<String, String>of()::get);
        Messages messages = new Messages(Locale.JAPANESE);
        AtomicReference<KioskWindows> opened = new AtomicReference<>();
        robot.interact(() -> {
            KioskWindows windows = KioskWindows.open(env, kioskStage, new Stage(), messages, null, () -> null);
            opened.set(windows);
            windows.kiosk().offer(false, true);
            windows.staff()
                    .addTab(SettingsView.tab(
                            new SettingsViewModel(
                                    conf,
                                    config,
                                    TerminalDiagnostics.system(),
                                    Runnable::run,
                                    Platform::runLater,
                                    messages,
                                    env.staffSession()),
                            messages));
        });
        // Signed out, the console is not in the scene yet (it joins at the first sign-in): read it off its root.
        Parent console = opened.get().staff().root();
        assertThat(robot.lookup("#staffConsole").tryQuery())
                .as("the console before any sign-in")
                .isEmpty();
        assertThat(console.lookup("#placeCard"))
                .as("no virtual-card buttons on a counter")
                .isNull();
        assertThat(((TabPane) console.lookup("#staffTabs")).getTabs().stream().map(Tab::getId))
                .contains("settingsTab");

        IssuedCard issued = backend.issueCard(2);
        try (VpcdConnector card = new VpcdConnector(new MyNumberCardSimulator(new CardPersonalisation(
                issued.authCertDer(), issued.authCaCertDer(), issued.authKey(), issued.pin())))) {
            card.connect();
            WaitForAsyncUtils.waitFor(
                    20, TimeUnit.SECONDS, () -> robot.lookup("#pinPad").query().isVisible());
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(robot.lookup("#chooseFace").query().isVisible()).isFalse();
            for (char digit : issued.pin().toCharArray()) {
                robot.clickOn("#pinKey" + digit);
            }
            robot.clickOn("#pinOk");
            WaitForAsyncUtils.waitFor(
                    20,
                    TimeUnit.SECONDS,
                    () -> robot.lookup("#consentBox").query().isVisible());
            WaitForAsyncUtils.waitForFxEvents();
            for (ConsentItem item : ConsentItem.values()) {
                robot.clickOn("#consent-" + item.name().toLowerCase(Locale.ROOT) + "-no");
            }
            robot.clickOn("#consentNext");
            WaitForAsyncUtils.waitFor(
                    30,
                    TimeUnit.SECONDS,
                    () -> robot.lookup("#resultPanel").query().isVisible());
            TableView<?> history = (TableView<?>) console.lookup("#staffHistory");
            WaitForAsyncUtils.waitFor(
                    10, TimeUnit.SECONDS, () -> history.getItems().size() == 1);
        }
    }
}
