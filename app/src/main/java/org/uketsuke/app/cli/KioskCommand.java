package org.uketsuke.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigProblem;
import org.uketsuke.app.config.ConfigResult;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.production.ProductionTerminal;
import org.uketsuke.app.production.TerminalDiagnostics;
import org.uketsuke.app.staff.StaffAccounts;
import org.uketsuke.app.terminal.Terminal;
import org.uketsuke.app.terminal.TerminalStartException;
import org.uketsuke.app.ui.KioskWindows;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.app.ui.ReasonTexts;
import org.uketsuke.app.ui.SettingsView;
import org.uketsuke.app.ui.SettingsViewModel;
import org.uketsuke.app.ui.TerminalApplication;
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
            description = "Check the configuration and the files it names, then exit (0 when usable).")
    boolean check;

    @Override
    public Integer call() {
        PrintStream err = System.err;
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
        Terminal terminal;
        try {
            terminal = ProductionTerminal.start(checked, System::getenv);
        } catch (TerminalStartException e) {
            err.println("uketsuke: " + config + ": " + e.describe());
            return e.key().isEmpty() ? 1 : BAD_CONFIGURATION;
        }
        // Configuration problems first; then the console needs someone who can sign in and manage the others.
        if (!staffReady(checked, err) && !check) {
            terminal.close();
            return NO_ADMINISTRATOR;
        }
        if (check) {
            terminal.close();
            System.out.println("uketsuke: " + config + ": usable (reader " + terminal.readerDescription() + ", backend "
                    + checked.backend().url() + ")");
            return 0;
        }
        Messages messages = new Messages(checked.language());
        // No virtual card and no demo 照合番号B on a counter: the face check waits for a card-front reading.
        TerminalApplication.launch(() -> new TerminalApplication.Session(
                terminal,
                terminal,
                messages,
                null,
                () -> null,
                (windows, kioskStage) -> counter(windows, kioskStage, terminal, checked, messages)));
        return 0;
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
        kioskStage.setFullScreenExitHint("");
        kioskStage.setFullScreen(true);
    }
}
