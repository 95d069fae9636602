package org.uketsuke.app.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigProblem;
import org.uketsuke.app.config.ConfigResult;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.production.ProductionEnvironment;
import org.uketsuke.app.production.TerminalStartException;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.app.ui.ReasonTexts;
import org.uketsuke.app.ui.TerminalApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./uketsuke kiosk --config FILE}: the production kiosk on the configured reader, camera, backend and sinks.
 * A configuration that does not read, or names a file or device that cannot be used, exits with 2 and says which
 * key to fix (in English and Japanese: whoever installs the terminal reads it).
 */
@Command(name = "kiosk", mixinStandardHelpOptions = true,
        description = "Run the kiosk and the staff console on the reader, camera, backend and sinks of a configuration file.")
public final class KioskCommand implements Callable<Integer> {

    /** The configuration is wrong: fix the key named. */
    public static final int BAD_CONFIGURATION = 2;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The configuration (uketsuke.conf; docs/install.md lists its keys).")
    Path config;

    @Option(names = "--check", description = "Check the configuration and the files it names, then exit (0 when usable).")
    boolean check;

    @Override
    public Integer call() {
        PrintStream err = System.err;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(config);
        } catch (IOException e) {
            for (Locale language : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
                err.println("uketsuke: " + config + ": " + new Messages(language).get("config.unreadable", e.getMessage()));
            }
            return BAD_CONFIGURATION;
        }
        UketsukeConfig checked;
        switch (ConfigParser.parse(bytes)) {
            case ConfigResult.Invalid invalid -> {
                for (ConfigProblem problem : invalid.problems()) {
                    for (Locale language : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
                        err.println("uketsuke: " + config + ": " + ReasonTexts.configProblem(problem, new Messages(language)));
                    }
                }
                return BAD_CONFIGURATION;
            }
            case ConfigResult.Ok ok -> checked = ok.config();
        }
        ProductionEnvironment env;
        try {
            env = ProductionEnvironment.start(checked, System::getenv);
        } catch (TerminalStartException e) {
            err.println("uketsuke: " + config + ": " + e.describe());
            return e.key().isEmpty() ? 1 : BAD_CONFIGURATION;
        }
        if (check) {
            env.close();
            System.out.println("uketsuke: " + config + ": usable (reader " + env.readerName() + ", backend "
                    + checked.backend().url() + ")");
            return 0;
        }
        TerminalApplication.launch(env, new Messages(checked.language()), config);
        return 0;
    }
}
