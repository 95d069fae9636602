package org.uketsuke.app;

import org.uketsuke.app.cli.AuditCommand;
import org.uketsuke.app.cli.BackendCommand;
import org.uketsuke.app.cli.CardCommand;
import org.uketsuke.app.cli.CommandContribution;
import org.uketsuke.app.cli.Extensions;
import org.uketsuke.app.cli.DemoCommand;
import org.uketsuke.app.cli.KioskCommand;
import org.uketsuke.app.cli.ReaderCommand;
import org.uketsuke.app.cli.SelfCheckCommand;
import org.uketsuke.app.cli.VersionProvider;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line behind {@code ./uketsuke}. */
@Command(
        name = "uketsuke",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Reception terminal for online qualification (オンライン資格確認).",
        subcommands = {DemoCommand.class, BackendCommand.class, SelfCheckCommand.class, ReaderCommand.class,
                CardCommand.class, AuditCommand.class, KioskCommand.class})
public final class Uketsuke implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with the sub-commands of every installed extension (training, tools) added. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Uketsuke());
        for (CommandContribution contribution : Extensions.contributions()) {
            for (Object command : contribution.commands()) {
                cli.addSubcommand(command);
            }
        }
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
