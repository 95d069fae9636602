package org.uketsuke.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigResult;
import org.uketsuke.app.staff.Authorizer;
import org.uketsuke.app.staff.PasswordHash;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.StaffAccount;
import org.uketsuke.app.staff.StaffAccounts;
import org.uketsuke.app.staff.StaffAdministration;
import org.uketsuke.app.staff.StaffMember;
import org.uketsuke.app.ui.Messages;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code uketsuke staff add|passwd|roles|unlock|remove|list}: the terminal's staff accounts, managed on the machine by
 * whoever may write its data folder (the first administrator is created here). Passwords are read from the console
 * without echo, or as one line from stdin; never from the command line, where other users and the shell history
 * would see them.
 */
@Command(
        name = "staff",
        mixinStandardHelpOptions = true,
        description = "Staff accounts of the console (sign-in, roles, lockout).",
        subcommands = {
            StaffCommand.Add.class,
            StaffCommand.Passwd.class,
            StaffCommand.Roles.class,
            StaffCommand.Unlock.class,
            StaffCommand.Remove.class,
            StaffCommand.ListAccounts.class
        })
public final class StaffCommand implements Runnable {

    /** A bad argument, or the change was refused (last administrator, id taken, short password). */
    static final int REFUSED = 2;

    /** Acting on the file directly: whoever can run this on the machine owns the data folder anyway. */
    private static final StaffMember MACHINE =
            new StaffMember("machine-administrator", "uketsuke staff", EnumSet.of(Role.ADMINISTRATOR));

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Where the accounts are: the data folder itself, or the one a configuration names. */
    static final class Where {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "The terminal's data folder.")
        Path dataDir;

        @Option(names = "--config", paramLabel = "FILE", description = "uketsuke.conf (its data_dir).")
        Path config;

        Path dataDir() {
            if (dataDir != null) {
                return dataDir;
            }
            try {
                return switch (ConfigParser.parse(Files.readAllBytes(config))) {
                    case ConfigResult.Ok ok -> ok.config().sinks().dataDir();
                    case ConfigResult.Invalid invalid ->
                        throw new IllegalArgumentException(
                                config + " is not a usable configuration (uketsuke kiosk --config " + config
                                        + " --check names the problem)");
                };
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + config + ": " + e.getMessage(), e);
            }
        }
    }

    abstract static class Change implements Callable<Integer> {
        @ArgGroup(multiplicity = "1")
        Where where;

        /** Where test password lines come from; null: the console, else System.in. */
        InputStream in;

        PrintStream out = System.out;

        abstract String apply(StaffAdministration administration) throws IOException;

        @Override
        public Integer call() {
            try {
                StaffAdministration administration = new StaffAdministration(
                        StaffAccounts.in(where.dataDir()), Authorizer.fixed(MACHINE), PasswordHash.Parameters.DEFAULT);
                out.println(apply(administration));
                return 0;
            } catch (IllegalArgumentException | IllegalStateException | IOException e) {
                System.err.println("uketsuke staff: " + e.getMessage());
                return REFUSED;
            }
        }

        /** From the console without echo (asked twice), else the first line of stdin. */
        char[] password() throws IOException {
            return PasswordInput.read(in, true);
        }
    }

    /** A command on one account, named by its staff id. */
    abstract static class OneAccount extends Change {
        @Parameters(index = "0", paramLabel = "ID", description = "Staff id (audit log): letters, digits, . _ -")
        String id;
    }

    static Set<Role> roles(String list) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String word : list.split(",")) {
            if (!word.isBlank()) {
                roles.add(Role.ofToken(word));
            }
        }
        return roles;
    }

    @Command(name = "add", description = "Add an account; the password is read from the console or stdin.")
    static final class Add extends OneAccount {
        @Parameters(index = "1", paramLabel = "NAME", description = "Name shown on the console.")
        String name;

        @Option(
                names = "--roles",
                required = true,
                paramLabel = "ROLES",
                description = "receptionist, administrator, medical-viewer, emergency-viewer (comma-separated)")
        String roles;

        @Override
        String apply(StaffAdministration administration) throws IOException {
            Set<Role> chosen = roles(roles);
            administration.add(id, name, chosen, password());
            return "added " + id + " (" + roles + ")";
        }
    }

    @Command(name = "passwd", description = "Set a new password (also unlocks).")
    static final class Passwd extends OneAccount {
        @Override
        String apply(StaffAdministration administration) throws IOException {
            administration.setPassword(id, password());
            return "new password set for " + id;
        }
    }

    @Command(name = "roles", description = "Replace an account's roles.")
    static final class Roles extends OneAccount {
        @Parameters(index = "1", paramLabel = "ROLES", description = "comma-separated")
        String roles;

        @Override
        String apply(StaffAdministration administration) {
            administration.setRoles(id, roles(roles));
            return "roles of " + id + ": " + roles;
        }
    }

    @Command(name = "unlock", description = "Unlock an account locked by wrong passwords.")
    static final class Unlock extends OneAccount {
        @Override
        String apply(StaffAdministration administration) {
            administration.unlock(id);
            return "unlocked " + id;
        }
    }

    @Command(name = "remove", description = "Remove an account (not the last administrator).")
    static final class Remove extends OneAccount {
        @Override
        String apply(StaffAdministration administration) {
            administration.remove(id);
            return "removed " + id;
        }
    }

    @Command(name = "list", description = "The accounts, their roles and lockouts (never a hash).")
    static final class ListAccounts extends Change {
        @Override
        String apply(StaffAdministration administration) {
            List<StaffAccount> accounts = administration.list();
            if (accounts.isEmpty()) {
                Path dir = where.dataDir();
                return new Messages(Messages.ENGLISH).get("staff.noAdministrator", dir) + "\n"
                        + new Messages(Messages.JAPANESE).get("staff.noAdministrator", dir);
            }
            StringBuilder text = new StringBuilder();
            for (StaffAccount a : accounts) {
                text.append(a.id())
                        .append('\t')
                        .append(a.name())
                        .append('\t')
                        .append(String.join(
                                ",",
                                a.roles().stream().sorted().map(Role::token).toList()))
                        .append(a.lockedUntil().isPresent() ? "\tLOCKED" : "")
                        .append('\n');
            }
            return text.toString().stripTrailing();
        }
    }
}
