package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Tab;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencv.core.Mat;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigResult;
import org.uketsuke.app.production.TerminalDiagnostics;
import org.uketsuke.app.production.TerminalFiles;
import org.uketsuke.cardfront.sim.CardFrontRenderer;
import org.uketsuke.cardfront.sim.HeldCardFrames;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.face.camera.DemoFrames;
import org.uketsuke.face.camera.ImageSequenceSource;
import org.uketsuke.mockbackend.Fault;
import org.uketsuke.training.DemoProfile;

/**
 * Walks every screen of a visit and the staff console in Japanese and English and saves each as a PNG in
 * {@code target/screenshots/} (copied to docs/screenshots by hand when the screens change). Asserts each picture is
 * really drawn (many colours, the window's size), so a blank or missing screen fails.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTourTest {

    @TempDir
    static Path dataDir;

    private Stage kioskStage;
    private Stage staffStage;
    private DemoProfile env;
    private KioskWindows windows;

    @Start
    void open(Stage stage) {
        kioskStage = stage;
    }

    @AfterEach
    void stop() {
        if (env != null) {
            env.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ja", "en"})
    void everyScreenIsDrawnInBothLanguages(String language, FxRobot robot) throws Exception {
        env = DemoProfile.start(dataDir.resolve(language));
        robot.interact(() -> {
            staffStage = new Stage();
            windows = env.openWindows(kioskStage, staffStage, new Messages(Locale.of(language)));
        });
        Path out = Files.createDirectories(Path.of("target", "screenshots"));
        save(robot, kioskStage.getScene(), out.resolve(language + "-kiosk-idle.png"));
        save(robot, staffStage.getScene(), out.resolve(language + "-staff-login.png"));
        DemoSignIn.receptionist(robot);
        robot.clickOn("#placeCard");
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> robot.lookup("#pinPad").query().isVisible());
        for (String key : new String[] {"#pinKey1", "#pinKey2"}) {
            robot.clickOn(key);
        }
        save(robot, kioskStage.getScene(), out.resolve(language + "-kiosk-pin.png"));
        robot.clickOn("#pinKey3");
        robot.clickOn("#pinKey4");
        robot.clickOn("#pinOk");
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> robot.lookup("#consentBox").query().isVisible());
        save(robot, kioskStage.getScene(), out.resolve(language + "-kiosk-consent.png"));
        for (ConsentItem item : ConsentItem.values()) {
            robot.clickOn("#consent-" + item.name().toLowerCase(Locale.ROOT) + "-yes");
        }
        robot.clickOn("#consentNext");
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> robot.lookup("#resultPanel").query().isVisible());
        save(robot, kioskStage.getScene(), out.resolve(language + "-kiosk-result.png"));
        save(robot, staffStage.getScene(), out.resolve(language + "-staff-history.png"));
        robot.clickOn("#removeCard");

        // The line to the national system is down: the patient is told to see the staff.
        env.backend().injectFault(new Fault.Status(503), Integer.MAX_VALUE);
        DemoVisit.placeCardAndEnterPin(robot, env.demoPin());
        DemoVisit.answerEveryConsent(robot, "no");
        WaitForAsyncUtils.waitFor(
                30,
                TimeUnit.SECONDS,
                () -> !robot.lookup("#resultPanel").query().isVisible()
                        && robot.lookup("#kioskTitle")
                                .queryLabeled()
                                .getText()
                                .equals(new Messages(Locale.of(language)).get("state.SHOWING_PROBLEM.title")));
        save(robot, kioskStage.getScene(), out.resolve(language + "-kiosk-problem.png"));
        env.backend().injectFault(new Fault.None(), 0);
        robot.clickOn("#removeCard");

        robot.clickOn("#deliveriesTab");
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> !robot.lookup("#deliveriesTable")
                        .queryTableView()
                        .getItems()
                        .isEmpty());
        save(robot, staffStage.getScene(), out.resolve(language + "-staff-deliveries.png"));
        robot.clickOn("#precheckTab");
        save(robot, staffStage.getScene(), out.resolve(language + "-staff-precheck.png"));
        // The visit the outage stopped waits on the re-confirm list, with the staff's steps (issue #20 item 6).
        ConsoleTabs.select(robot, "reconfirmTab");
        TableView<ReconfirmViewModel.Row> reconfirm =
                robot.lookup("#reconfirmTable").queryTableView();
        WaitForAsyncUtils.waitFor(
                10, TimeUnit.SECONDS, () -> !reconfirm.getItems().isEmpty());
        robot.interact(() -> reconfirm.getSelectionModel().select(0));
        save(robot, staffStage.getScene(), out.resolve(language + "-staff-reconfirm.png"));
        ConsoleTabs.select(robot, "homevisitTab");
        save(robot, staffStage.getScene(), out.resolve(language + "-staff-homevisit.png"));
        ConsoleTabs.select(robot, "historyTab");

        // The face path (issue #10): the card front held to the camera (still moving), then the manual entry.
        List<Mat> moving = HeldCardFrames.record(CardFrontRenderer.render(env.cardFrontPerson()), 1, 0);
        env.useCardFrontCamera(
                () -> new ImageSequenceSource(moving.stream().map(Mat::clone).toList(), true));
        robot.clickOn("#placeCard");
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> robot.lookup("#pinPad").query().isVisible());
        robot.clickOn("#chooseFace");
        WaitForAsyncUtils.waitFor(
                20,
                TimeUnit.SECONDS,
                () -> robot.lookup("#capturePreview").queryAs(ImageView.class).getImage() != null);
        save(robot, kioskStage.getScene(), out.resolve(language + "-kiosk-card-front.png"));
        robot.clickOn("#captureManual");
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> robot.lookup("#entryPane").query().isVisible());
        robot.clickOn("#entryBirthYear").write("55");
        save(robot, kioskStage.getScene(), out.resolve(language + "-kiosk-collation-entry.png"));
        robot.clickOn("#removeCard");
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> !robot.lookup("#entryPane").query().isVisible());
        medicalTour(robot, language, out);

        // The production terminal's 設定 tab, on a configuration naming the demo backend and its terminal certificate.
        saveSettings(robot, language, out);
    }

    private void saveSettings(FxRobot robot, String language, Path out) throws Exception {
        Path etc = Files.createDirectories(dataDir.resolve(language + "-etc"));
        TerminalFiles files = TerminalFiles.write(env.backend().terminalTls(), etc);
        String text = """
                terminal.id=counter-1
                institution.code=%s
                language=%s
                reader=Virtual PCD 00 00
                backend.url=%s
                tls.certificate=%s
                tls.key=%s
                tls.trusted_cas=%s
                data_dir=/var/lib/uketsuke
                sink.csv=/var/lib/uketsuke/csv
                staff.yamada=山田 花子
                """.formatted(
                        DemoProfile.DEMO_INSTITUTION_CODE,
                        language,
                        env.backend().baseUri(),
                        files.certificate(),
                        files.key(),
                        files.trustedCas());
        Path conf = etc.resolve("uketsuke.conf");
        Files.writeString(conf, text);
        var config = ((ConfigResult.Ok) ConfigParser.parse(text)).config();
        Messages messages = new Messages(Locale.of(language));
        SettingsViewModel model = new SettingsViewModel(
                conf,
                config,
                new TerminalDiagnostics((device, w, h, fps) -> DemoFrames.camera(), name -> null, Clock.systemUTC()),
                Runnable::run,
                Runnable::run,
                messages,
                env.terminal().staffSession());
        Tab settings = SettingsView.tab(model, messages);
        robot.interact(() -> windows.staff().addTab(settings));
        // Selected, not clicked: in English the console's tab row can push the last header into the overflow menu.
        robot.interact(() -> settings.getTabPane().getSelectionModel().select(settings));
        // The checks run synchronously here, so the picture shows their answers.
        robot.interact(() -> {
            model.showCertificate();
            model.testConnection();
            model.field("institution.code").set("131123456");
        });
        save(robot, staffStage.getScene(), out.resolve(language + "-staff-settings.png"));
    }

    /** #14: the consent screen with explanations and the prescription form, then the staff's 診療・薬剤情報 tab. */
    private void medicalTour(FxRobot robot, String language, Path out) throws Exception {
        robot.interact(() -> windows.kiosk().prescriptionChoiceEnabledProperty().set(true));
        robot.clickOn("#placeCard");
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> robot.lookup("#pinPad").query().isVisible());
        for (String key : new String[] {"#pinKey1", "#pinKey2", "#pinKey3", "#pinKey4"}) {
            robot.clickOn(key);
        }
        robot.clickOn("#pinOk");
        WaitForAsyncUtils.waitFor(
                20, TimeUnit.SECONDS, () -> robot.lookup("#consentBox").query().isVisible());
        for (ConsentItem item : ConsentItem.values()) {
            boolean yes = item == ConsentItem.DRUG || item == ConsentItem.CHECKUP;
            robot.clickOn("#consent-" + item.name().toLowerCase(Locale.ROOT) + (yes ? "-yes" : "-no"));
        }
        robot.clickOn("#prescription-electronic");
        robot.clickOn("#consent-specific_disease-no");
        save(robot, kioskStage.getScene(), out.resolve(language + "-kiosk-consent-medical.png"));
        robot.clickOn("#consentNext");
        WaitForAsyncUtils.waitFor(
                30, TimeUnit.SECONDS, () -> robot.lookup("#resultPanel").query().isVisible());

        robot.clickOn("#medicalTab");
        robot.clickOn("#openMedical");
        WaitForAsyncUtils.waitFor(
                10,
                TimeUnit.SECONDS,
                () -> robot.lookup("#medicalPatient").queryComboBox().getValue() != null);
        var table = robot.lookup("#medicalTable").queryTableView();
        robot.clickOn("#medicalLoad");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
        save(robot, windows.medicalWindow().getScene(), out.resolve(language + "-staff-medical-drugs.png"));
        for (var category : new MedicalCategory[] {MedicalCategory.CHECKUP, MedicalCategory.TREATMENT}) {
            robot.interact(() -> robot.lookup("#medicalCategory")
                    .queryComboBox()
                    .getSelectionModel()
                    .select(category));
            robot.clickOn("#medicalLoad");
            boolean consented = category == MedicalCategory.CHECKUP;
            // Checkups: the table holds one row per year (the drugs' rows are gone); diagnoses: the plain refusal.
            WaitForAsyncUtils.waitFor(
                    20,
                    TimeUnit.SECONDS,
                    () -> consented
                            ? !table.getItems().isEmpty() && table.getItems().size() <= 5
                            : robot.lookup("#medicalStatus")
                                    .queryLabeled()
                                    .getText()
                                    .equals(new Messages(Locale.of(language)).get("medical.status.NO_CONSENT")));
            save(
                    robot,
                    windows.medicalWindow().getScene(),
                    out.resolve(language + "-staff-medical-" + category.name().toLowerCase(Locale.ROOT) + ".png"));
        }
        robot.clickOn("#removeCard");
    }

    /** Snapshot of the whole scene as a PNG; fails unless it is really drawn. */
    static void save(FxRobot robot, Scene scene, Path file) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        WritableImage[] image = new WritableImage[1];
        robot.interact(() -> image[0] = scene.snapshot(null));
        int width = (int) image[0].getWidth();
        int height = (int) image[0].getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image[0].getPixelReader();
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = pixels.getArgb(x, y);
                png.setRGB(x, y, argb);
                if (colours.size() < 64) {
                    colours.add(argb);
                }
            }
        }
        ImageIO.write(png, "png", file.toFile());
        assertThat(width).as(file.toString()).isGreaterThan(600);
        assertThat(colours).as("%s is drawn, not blank", file).hasSizeGreaterThan(20);
    }
}
