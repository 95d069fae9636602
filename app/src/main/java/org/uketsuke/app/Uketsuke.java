package org.uketsuke.app;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;
import org.uketsuke.app.cli.AuditCommand;
import org.uketsuke.app.cli.CommandContribution;
import org.uketsuke.app.cli.Extensions;
import org.uketsuke.app.cli.KioskCommand;
import org.uketsuke.app.cli.ReaderCommand;
import org.uketsuke.app.cli.SelfCheckCommand;
import org.uketsuke.app.cli.SetupCommand;
import org.uketsuke.app.cli.StaffCommand;
import org.uketsuke.app.cli.VersionProvider;
import org.uketsuke.app.ui.EarlyToolkit;
import org.uketsuke.app.ui.KioskWindows;
import org.uketsuke.app.ui.Messages;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line behind {@code ./uketsuke}: the product's commands, plus those an installed optional package
 * contributes ({@link CommandContribution}).
 */
@Command(
        name = "uketsuke",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Reception terminal for online qualification (オンライン資格確認).",
        subcommands = {
            SelfCheckCommand.class,
            ReaderCommand.class,
            AuditCommand.class,
            KioskCommand.class,
            SetupCommand.class,
            StaffCommand.class
        })
public final class Uketsuke implements Runnable {

    /** The command is in an optional package that is not installed. */
    public static final int NOT_INSTALLED = 2;

    /** Commands of the optional packages, by the package that provides them. */
    private static final Map<String, String> OPTIONAL =
            Map.of("demo", "uketsuke-training", "backend", "uketsuke-training", "card", "uketsuke-training");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // A windowed start's JavaFX toolkit starts first, beside everything below (picocli, the messages, the banner,
        // the terminal's assembly): it was ≈ 0.35 s of the cold start's critical path after all of them
        // (docs/tuning.md, seventh round).
        if (startsToolkitEarly(args)) {
            EarlyToolkit.begin();
            // The JIT's compilers below the start's threads: on two cores they held a core through the whole start.
            Thread.ofPlatform()
                    .name("jit-priority")
                    .daemon()
                    .start(() -> LoggerFactory.getLogger(CompilerPriority.class).debug(CompilerPriority.lower()));
        }
        // Logging configures itself (logback parses its XML) on a core of its own while picocli builds the command
        // tree, instead of on the start thread's first logger, where it was ≈ ¼ of the demo's critical path
        // (docs/tuning.md, fifth round). A logger asked for meanwhile is SLF4J's substitute, bound once it is done.
        Thread.ofPlatform().name("log-init").daemon().start(LoggerFactory::getILoggerFactory);
        // sqlite-jdbc's native library from a kept copy, not extracted to /tmp and read back at every start.
        String sqlite = SqliteNativeCopy.use(SqliteNativeCopy.defaultFolder());
        LoggerFactory.getLogger(Uketsuke.class).debug("{}", sqlite);
        System.exit(execute(args, System.err));
    }

    /**
     * Whether {@code args} open the windows ({@code demo} without {@code --headless}, {@code kiosk} without
     * {@code --check} or {@code --headless-visit}, neither asking for help or the version): then the toolkit starts at
     * once. The kiosk's {@code --ui-scale} is fixed here first, as {@link KioskCommand} does before it starts the
     * toolkit itself; a value it would refuse (or one given twice) leaves the start to the command, which reports it.
     */
    static boolean startsToolkitEarly(String[] args) {
        if (args.length == 0 || !(args[0].equals("demo") || args[0].equals("kiosk"))) {
            return false;
        }
        Set<String> noWindow = Set.of("--headless", "--check", "--headless-visit", "-h", "--help", "-V", "--version");
        List<String> scales = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (noWindow.contains(args[i])) {
                return false;
            }
            if (args[i].equals("--ui-scale")) {
                scales.add(i + 1 < args.length ? args[i + 1] : "");
            } else if (args[i].startsWith("--ui-scale=")) {
                scales.add(args[i].substring("--ui-scale=".length()));
            }
        }
        if (args[0].equals("demo")) {
            return true;
        }
        double factor;
        try {
            factor = scales.isEmpty() ? 1 : Double.parseDouble(scales.getFirst());
        } catch (NumberFormatException e) {
            return false;
        }
        if (scales.size() > 1 || !KioskWindows.acceptsUiScale(factor)) {
            return false;
        }
        KioskWindows.fixUiScale(factor);
        return true;
    }

    /** Runs {@code args} with the installed extensions' commands; the exit code. */
    public static int execute(String[] args, PrintStream err) {
        // picocli builds the model of every command it is given, options and nested commands: only the one named is
        // built (part of the cold start's critical path, docs/tuning.md); anything else gets the whole tree, so help,
        // errors and suggestions read as before.
        CommandLine line = args.length > 0 ? only(args[0]) : null;
        if (line == null || line.getSubcommands().isEmpty()) {
            line = commandLine();
        }
        if (args.length > 0
                && OPTIONAL.containsKey(args[0])
                && !line.getSubcommands().containsKey(args[0])) {
            for (Locale language : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
                err.println(
                        "uketsuke: " + new Messages(language).get("cli.notInstalled", args[0], OPTIONAL.get(args[0])));
            }
            return NOT_INSTALLED;
        }
        return line.execute(args);
    }

    /** The command line with the sub-commands of every installed extension (training, tools) added. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Uketsuke());
        for (CommandContribution contribution : Extensions.contributions()) {
            for (Object command : contribution.commands()) {
                cli.addSubcommand(command);
            }
        }
        withHelpEverywhere(cli);
        return cli;
    }

    /** {@code uketsuke} with the one sub-command called {@code name}, or none when no command has that name. */
    private static CommandLine only(String name) {
        CommandLine cli = new CommandLine(CommandLine.Model.CommandSpec.create().name("uketsuke"));
        for (Class<?> command : Uketsuke.class.getAnnotation(Command.class).subcommands()) {
            if (name.equals(name(command))) {
                cli.addSubcommand(command);
            }
        }
        for (CommandContribution contribution : Extensions.contributions()) {
            for (Object command : contribution.commands()) {
                if (name.equals(name(command.getClass()))) {
                    cli.addSubcommand(command);
                }
            }
        }
        withHelpEverywhere(cli);
        return cli;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** Every command, nested and contributed ones included, answers {@code --help} and {@code --version}. */
    private static void withHelpEverywhere(CommandLine command) {
        command.getCommandSpec().mixinStandardHelpOptions(true);
        command.getSubcommands().values().forEach(Uketsuke::withHelpEverywhere);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
