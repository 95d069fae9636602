package org.uketsuke.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigProblem;
import org.uketsuke.app.config.ConfigResult;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.production.KioskCheck;
import org.uketsuke.app.production.ProductionTerminal;
import org.uketsuke.app.production.TerminalDiagnostics;
import org.uketsuke.app.staff.StaffAccounts;
import org.uketsuke.app.terminal.Terminal;
import org.uketsuke.app.terminal.TerminalStartException;
import org.uketsuke.app.ui.KioskSpeech;
import org.uketsuke.app.ui.KioskWindows;
import org.uketsuke.app.ui.MaintenancePage;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.app.ui.ReasonTexts;
import org.uketsuke.app.ui.ScreenLayout;
import org.uketsuke.app.ui.SettingsView;
import org.uketsuke.app.ui.SettingsViewModel;
import org.uketsuke.app.ui.TerminalApplication;
import org.uketsuke.face.camera.OpenCvCameraSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./uketsuke kiosk --config FILE}: the production kiosk on the configured reader, camera, backend and sinks.
 * A configuration that does not read, or names a file or device that cannot be used, exits with 2 and says which
 * key to fix (in English and Japanese: whoever installs the terminal reads it).
 */
@Command(
        name = "kiosk",
        mixinStandardHelpOptions = true,
        description =
                "Run the kiosk and the staff console on the reader, camera, backend and sinks of a configuration file.")
public final class KioskCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(KioskCommand.class);

    /** Where the service's log is read (docs/install.md, Logs). */
    private static final String LOG_PLACE = System.getProperty("os.name", "").startsWith("Windows")
            ? "C:\\ProgramData\\Uketsuke\\logs\\kiosk.log"
            : "journalctl -u uketsuke-kiosk";

    /** The configuration is wrong: fix the key named. */
    public static final int BAD_CONFIGURATION = 2;

    /** No staff administrator yet: the console would have nobody to sign in (uketsuke staff add). */
    public static final int NO_ADMINISTRATOR = 3;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "The configuration (uketsuke.conf; docs/install.md lists its keys).")
    Path config;

    @Option(
            names = "--check",
            description = "Check the configuration, the files it names (nothing is written), the backend (TLS handshake"
                    + " and a nonce request), the card service and reader, and the camera; exit 0 when usable.")
    boolean check;

    @Option(
            names = "--maintenance-seconds",
            defaultValue = "300",
            paramLabel = "SECONDS",
            description = "How long a start-up failure stays on screen before the kiosk exits (default: 300).")
    long maintenanceSeconds;

    @Option(
            names = "--screens",
            defaultValue = "auto",
            paramLabel = "auto|one|two",
            converter = ScreensConverter.class,
            description = "The kiosk on the first screen; the staff console on the second when there is one (auto),"
                    + " or on the first behind Ctrl+Shift+S (one). Default: auto.")
    ScreenLayout.Screens screens;

    @Option(
            names = "--ui-scale",
            defaultValue = "1",
            paramLabel = "FACTOR",
            description = "The screens' UI scale (0.5 to 4; default 1): fixed, so drawing and touch agree without a"
                    + " window manager.")
    double uiScale;

    /** picocli's converter for {@code --screens}. */
    static final class ScreensConverter implements CommandLine.ITypeConverter<ScreenLayout.Screens> {
        @Override
        public ScreenLayout.Screens convert(String value) {
            return ScreenLayout.Screens.parse(value);
        }
    }

    @Option(
            names = "--headless-visit",
            hidden = true,
            description = "No window: one visit on the configured reader, the PIN from standard input (test-deb).")
    boolean headlessVisit;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintStream err = System.err;
        if (!KioskWindows.acceptsUiScale(uiScale)) {
            for (Locale language : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
                err.println("uketsuke: " + new Messages(language).get("kiosk.uiScale.bad", Double.toString(uiScale)));
            }
            return BAD_CONFIGURATION;
        }
        // Before the toolkit starts (maintenance page or kiosk): one scale for drawing and for touch positions.
        KioskWindows.fixUiScale(uiScale);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(config);
        } catch (IOException e) {
            for (Locale language : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
                err.println(
                        "uketsuke: " + config + ": " + new Messages(language).get("config.unreadable", e.getMessage()));
            }
            return BAD_CONFIGURATION;
        }
        UketsukeConfig checked;
        switch (ConfigParser.parse(bytes)) {
            case ConfigResult.Invalid invalid -> {
                for (ConfigProblem problem : invalid.problems()) {
                    for (Locale language : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
                        err.println("uketsuke: " + config + ": "
                                + ReasonTexts.configProblem(problem, new Messages(language)));
                    }
                }
                return BAD_CONFIGURATION;
            }
            case ConfigResult.Ok ok -> checked = ok.config();
        }
        KioskCheck checker = new KioskCheck(System::getenv, OpenCvCameraSource::new);
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (check) {
            List<KioskCheck.Finding> found = checker.all(checked);
            if (found.isEmpty()) {
                for (Locale language : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
                    System.out.println("uketsuke: " + config + ": "
                            + new Messages(language)
                                    .get("check.usable", checked.backend().url()));
                }
                return 0;
            }
            report(found, text, err);
            return exitCode(found);
        }
        // Nothing is opened before the files are known usable: a sink or key the kiosk user may not touch is named
        // with its key and the system's own reason, never as the database error it would become.
        List<KioskCheck.Finding> found = checker.files(checked);
        if (!found.isEmpty()) {
            return startFailed(report(found, text, err), exitCode(found));
        }
        Terminal terminal;
        try {
            terminal = ProductionTerminal.start(checked, System::getenv);
        } catch (TerminalStartException e) {
            log.error("start failed: {}", e.describe(), e);
            List<String> lines = List.of("uketsuke: " + config + ": " + e.describe());
            err.println(lines.getFirst());
            return startFailed(lines, e.key().isEmpty() ? 1 : BAD_CONFIGURATION);
        }
        if (headlessVisit) {
            try (terminal) {
                return HeadlessVisit.run(terminal);
            }
        }
        // The console needs someone who can sign in and manage the others.
        if (!staffReady(checked, err)) {
            terminal.close();
            return NO_ADMINISTRATOR;
        }
        Messages messages = new Messages(checked.language());
        // No virtual card and no demo 照合番号B on a counter: the face check waits for a card-front reading.
        TerminalApplication.launch(
                messages,
                () -> new TerminalApplication.Session(
                        terminal,
                        terminal,
                        null,
                        () -> null,
                        (windows, kioskStage) -> counter(windows, kioskStage, terminal, checked, messages)));
        return 0;
    }

    /** Each finding in English and Japanese: line, key, what is wrong and what to do; the lines printed. */
    private List<String> report(List<KioskCheck.Finding> found, String text, PrintStream err) {
        List<String> lines = new ArrayList<>();
        for (Locale language : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            Messages messages = new Messages(language);
            for (KioskCheck.Finding finding : found) {
                lines.add("uketsuke: " + config + ": " + describe(finding, lineOf(text, finding.key()), messages));
            }
            lines.add("uketsuke: " + config + ": " + messages.get("check.problems", found.size()));
        }
        lines.forEach(err::println);
        return lines;
    }

    static String describe(KioskCheck.Finding finding, int line, Messages messages) {
        String where = (line == 0 ? "" : messages.get("config.where.line", Integer.toString(line)))
                + (finding.key().isEmpty() ? "" : finding.key() + ": ");
        String reason = "check.reason." + finding.reason().name();
        return where
                + messages.get(
                        "check.line",
                        messages.get(reason, finding.subject()),
                        messages.get("check.fix." + finding.reason().name()));
    }

    /** The line the key is set on, 0 when it is not (a default, or no key at fault). */
    static int lineOf(String text, String key) {
        if (key.isEmpty()) {
            return 0;
        }
        String[] lines = text.split("\r\n|\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0 && line.substring(0, eq).strip().equals(key)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** 2 when a key is at fault (fix the file), 1 when only the machine is (the card service). */
    private static int exitCode(List<KioskCheck.Finding> found) {
        return found.stream().anyMatch(f -> !f.key().isEmpty()) ? BAD_CONFIGURATION : 1;
    }

    /**
     * A kiosk that cannot start says so on its screen, not only in the journal: the maintenance page stays for
     * {@code --maintenance-seconds}, then the exit lets the service manager start the kiosk again (fixed by then,
     * or the page again).
     */
    private int startFailed(List<String> lines, int exit) {
        // The page names the log line by this reference, so staff find the full diagnostic in the journal.
        String reference = "start-failure-" + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        lines.forEach(line -> log.error("{}: {}", reference, line));
        if (MaintenancePage.displayAvailable(System::getenv)) {
            MaintenancePage.show(
                    lines, config.toString(), LOG_PLACE + ", " + reference, Duration.ofSeconds(maintenanceSeconds));
        }
        return exit;
    }

    /** Whether an administrator exists; if not, says in English and Japanese how to create the first one. */
    private static boolean staffReady(UketsukeConfig checked, PrintStream err) {
        Path dataDir = checked.sinks().dataDir();
        boolean ready;
        try {
            ready = StaffAccounts.in(dataDir).hasAdministrator();
        } catch (RuntimeException e) {
            err.println("uketsuke: " + e.getMessage());
            return false;
        }
        if (!ready) {
            // The console opens only behind a sign-in; without an administrator nobody could ever sign in.
            for (Locale language : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
                err.println("uketsuke: " + new Messages(language).get("staff.noAdministrator", dataDir));
            }
        }
        return ready;
    }

    /** The counter's screens: the configured checks, the settings tab, full screen. */
    private void counter(
            KioskWindows windows, Stage kioskStage, Terminal terminal, UketsukeConfig checked, Messages messages) {
        // The face check needs a camera and 照合番号B off the card front (Tesseract); without them it is not offered.
        var checks = checked.kiosk().identityChecks();
        windows.kiosk()
                .offer(
                        terminal.cardFrontCapture().isPresent() && checks.contains(UketsukeConfig.IdentityCheck.FACE),
                        checks.contains(UketsukeConfig.IdentityCheck.VISUAL));
        windows.staff()
                .addTab(SettingsView.tab(
                        new SettingsViewModel(
                                config,
                                checked,
                                TerminalDiagnostics.system(),
                                terminal.worker("staff-settings"),
                                Platform::runLater,
                                messages,
                                terminal.staffSession()),
                        messages));
        // 電子処方箋: the consent screen also asks electronic or paper where the clinic issues e-prescriptions.
        windows.kiosk().prescriptionChoiceEnabledProperty().set(checked.kiosk().ePrescription());
        // PMH: where the clinic takes part, the consent screen also asks about the 医療費助成 受給者証.
        windows.kiosk().subsidyQuestionEnabledProperty().set(checked.kiosk().medicalSubsidy());
        // Spoken guidance for each step (ADR 0010); off by default.
        KioskSpeech.follow(
                windows.kiosk(), checked.kiosk().speech(), terminal.worker("kiosk-speech"), terminal::addStaffNotice);
        ScreenLayout.Placement placement = ScreenLayout.place(KioskWindows.screens(), screens);
        if (placement.secondScreenMissing()) {
            log.warn("--screens two, but only one screen is connected: the staff console shares the kiosk's screen"
                    + " (Ctrl+Shift+S brings it up)");
        }
        windows.place(kioskStage, placement);
    }
}
