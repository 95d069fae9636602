package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
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
import org.uketsuke.app.production.TerminalDiagnostics;
import org.uketsuke.app.production.TerminalFiles;
import org.uketsuke.app.staff.Authorizer;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.StaffMember;
import org.uketsuke.face.camera.DemoFrames;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.uketsuke.reader.pcsc.PcscService;

/**
 * The staff console's settings screen in a real window, on real parts: the card service's readers (pcscd + vpcd),
 * the recorded camera the demo ships, the terminal's certificate files, the mock backend over mTLS. A bad value is
 * named beside its field and blocks Save; a good form is saved to the file, which then reads back with the change.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsUiTest {

    @TempDir
    static Path dir;

    private static final Executor WORKER = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("settings-test").daemon().unstarted(r));

    private static final Authorizer ADMINISTRATOR =
            Authorizer.fixed(new StaffMember("kanri", "管理 太郎", Set.of(Role.ADMINISTRATOR)));

    private MockBackend backend;
    private Path file;
    private Stage stage;

    @Start
    void open(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void stop() {
        if (backend != null) {
            backend.close();
        }
    }

    private SettingsViewModel showSettings(FxRobot robot, String language) throws Exception {
        PcscService.ensureRunning(Duration.ofSeconds(10));
        backend = MockBackend.start(new MockBackendConfig(dir.resolve("backend-" + language), 0, 42L, 5));
        TerminalFiles files =
                TerminalFiles.write(backend.terminalTls(), Files.createDirectories(dir.resolve("etc-" + language)));
        file = dir.resolve("uketsuke-" + language + ".conf");
        Files.writeString(file, """
                terminal.id=counter-1
                institution.code=1311234567
                language=%s
                backend.url=%s
                tls.certificate=%s
                tls.key=%s
                tls.trusted_cas=%s
                data_dir=%s
                staff.yamada=山田 花子
                """.formatted(
                        language,
                        backend.baseUri(),
                        files.certificate(),
                        files.key(),
                        files.trustedCas(),
                        dir.resolve("data")));
        UketsukeConfig config = read(file);
        Messages messages = new Messages(config.language());
        // The recorded frames the demo ships stand in for camera 0; everything else is the real thing.
        TerminalDiagnostics diagnostics = new TerminalDiagnostics(
                (device, w, h, fps) -> DemoFrames.camera(), Map.<String, String>of()::get, Clock.systemUTC());
        SettingsViewModel model =
                new SettingsViewModel(file, config, diagnostics, WORKER, Platform::runLater, messages, ADMINISTRATOR);
        robot.interact(() -> {
            stage.setScene(styled(new Scene(new SettingsView(model, messages).root(), 1100, 1000)));
            stage.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
        return model;
    }

    private static Scene styled(Scene scene) {
        Theme.apply(scene);
        return scene;
    }

    @Test
    void aBadValueIsNamedBesideItsFieldAndSaveWritesOnlyAGoodForm(FxRobot robot) throws Exception {
        showSettings(robot, "ja");
        String before = Files.readString(file);
        TextField institution = robot.lookup("#setting-institution-code").queryAs(TextField.class);
        robot.interact(() -> institution.setText("12345"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settingProblem-institution-code")
                        .queryAs(Label.class)
                        .getText())
                .isEqualTo("医療機関コードは10桁の数字です");
        click(robot, "#saveSettings");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#saveStatus").queryAs(Label.class).getText()).isEqualTo("1 件の項目を直してください");
        assertThat(Files.readString(file)).isEqualTo(before);

        robot.interact(() -> institution.setText("1311234567"));
        TextField idle = robot.lookup("#setting-kiosk-idle-timeout-seconds").queryAs(TextField.class);
        robot.interact(() -> idle.setText("45"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#settingProblem-institution-code")
                        .queryAs(Label.class)
                        .getText())
                .isNullOrEmpty();
        click(robot, "#saveSettings");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#saveStatus").queryAs(Label.class).getText().contains("保存しました"));
        UketsukeConfig saved = read(file);
        assertThat(saved.kiosk().idleTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(saved.institutionCode()).isEqualTo("1311234567");
        assertThat(saved.staff()).containsExactly(new UketsukeConfig.StaffAccount("yamada", "山田 花子"));
    }

    @Test
    void theLiveChecksShowTheReadersTheCameraRateTheCertificateAndTheConnection(FxRobot robot) throws Exception {
        showSettings(robot, "en");
        click(robot, "#refreshReaders");
        WaitForAsyncUtils.waitFor(
                15,
                TimeUnit.SECONDS,
                () -> robot.lookup("#readerStatus")
                        .queryAs(Label.class)
                        .getText()
                        .contains("Virtual PCD 00 00"));
        assertThat(robot.lookup("#readerStatus").queryAs(Label.class).getText()).contains("Virtual PCD 00 00  [");

        click(robot, "#testCamera");
        WaitForAsyncUtils.waitFor(
                15,
                TimeUnit.SECONDS,
                () -> robot.lookup("#cameraStatus")
                        .queryAs(Label.class)
                        .getText()
                        .contains("frames/s"));
        assertThat(robot.lookup("#cameraStatus").queryAs(Label.class).getText())
                .matches("\\d+\\.\\d frames/s \\(\\d+×\\d+, \\d+ frames\\)");

        click(robot, "#showCertificate");
        WaitForAsyncUtils.waitFor(
                15,
                TimeUnit.SECONDS,
                () -> robot.lookup("#certificateStatus")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("Subject "));
        assertThat(robot.lookup("#certificateStatus").queryAs(Label.class).getText())
                .contains("valid until 20")
                .doesNotContain("expired");

        click(robot, "#testConnection");
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> robot.lookup("#connectionStatus")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("Connected ("));
        assertThat(backend.requests("/oqs/v1/nonce")).isPositive();

        // A certificate file that is gone is named with its key.
        TextField certificate = robot.lookup("#setting-tls-certificate").queryAs(TextField.class);
        robot.interact(() -> certificate.setText(dir.resolve("gone.crt").toString()));
        click(robot, "#showCertificate");
        WaitForAsyncUtils.waitFor(
                15,
                TimeUnit.SECONDS,
                () -> robot.lookup("#certificateStatus")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("tls.certificate: not usable"));
    }

    @Test
    void theJapaneseScreenShowsTheCertificateInJapanese(FxRobot robot) throws Exception {
        showSettings(robot, "ja");
        click(robot, "#showCertificate");
        WaitForAsyncUtils.waitFor(
                15,
                TimeUnit.SECONDS,
                () -> robot.lookup("#certificateStatus")
                        .queryAs(Label.class)
                        .getText()
                        .startsWith("主体 "));
        assertThat(robot.lookup("#certificateStatus").queryAs(Label.class).getText())
                .contains("有効期限 20");
    }

    /** Scrolls the settings pane to the node, as a receptionist would, then clicks it. */
    private static void click(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        ScrollPane pane = robot.lookup("#settingsPane").queryAs(ScrollPane.class);
        robot.interact(() -> {
            Node content = pane.getContent();
            double y = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()))
                    .getMinY();
            double scrollable = content.getLayoutBounds().getHeight()
                    - pane.getViewportBounds().getHeight();
            pane.setVvalue(scrollable <= 0 ? 0 : Math.max(0, Math.min(1, (y - 40) / scrollable)));
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(query);
    }

    private static UketsukeConfig read(Path file) throws Exception {
        return switch (ConfigParser.parse(Files.readAllBytes(file))) {
            case ConfigResult.Ok ok -> ok.config();
            case ConfigResult.Invalid invalid -> throw new AssertionError(invalid.problems());
        };
    }
}
