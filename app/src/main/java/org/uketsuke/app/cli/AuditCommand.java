package org.uketsuke.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.uketsuke.app.config.DataDirectories;
import org.uketsuke.app.reception.AuditTrail;
import org.uketsuke.app.staff.LockoutPolicy;
import org.uketsuke.app.staff.PasswordHash;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.SignIn;
import org.uketsuke.app.staff.StaffAccounts;
import org.uketsuke.app.staff.StaffMember;
import org.uketsuke.app.staff.StaffSignIn;
import org.uketsuke.app.terminal.Terminal;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.bridge.audit.AuditAnchor;
import org.uketsuke.bridge.audit.AuditAnchors;
import org.uketsuke.bridge.audit.AuditLog;
import org.uketsuke.bridge.audit.AuditVerification;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code uketsuke audit verify | acknowledge | report}: the confirmations' keyed audit log. {@code verify} recomputes
 * the MAC chain, checks the head and every kept anchor receipt: exit 0 intact, 1 broken (edited, truncated, extended,
 * deleted, missing, re-keyed, contradicting an anchor), 2 a crash the next start repairs (torn last line, head one
 * behind). {@code acknowledge} clears a standing audit alarm with the terminal stopped (the running console has its
 * own button). {@code report} prints a day's entries and head with its anchor receipt.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        description = "The confirmations' keyed, anchored audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Acknowledge.class, AuditCommand.Report.class})
public final class AuditCommand implements Runnable {

    /** English first, then Japanese, as the other commands answer. */
    private static final List<Messages> LANGUAGES =
            List.of(new Messages(Messages.ENGLISH), new Messages(Messages.JAPANESE));

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** Where the log is: {@code --file}, or the demo's in the user's data directory. */
    static final class LogFile {
        @Option(
                names = "--file",
                description = "The audit log (default: the demo's audit.jsonl in the user's data directory).")
        Path file;

        Path path() {
            return file != null
                    ? file
                    : DataDirectories.userData().resolve("demo").resolve(Terminal.AUDIT_LOG);
        }
    }

    private static void say(String key, Object... args) {
        for (Messages words : LANGUAGES) {
            System.out.println(words.get(key, args));
        }
    }

    @Command(name = "verify", description = "Recompute the MAC chain, check head and anchors; name the first break.")
    static final class Verify implements Callable<Integer> {

        @CommandLine.Mixin
        LogFile where = new LogFile();

        @Override
        public Integer call() {
            Path log = where.path();
            return switch (AuditLog.verify(log)) {
                case AuditVerification.Intact intact -> {
                    Optional<AuditVerification.Broken> contradicted;
                    List<AuditAnchor> receipts;
                    try {
                        receipts = AuditAnchors.receipts(log);
                        contradicted = AuditAnchors.check(AuditLog.read(log), receipts);
                    } catch (IOException e) {
                        contradicted = Optional.of(new AuditVerification.Broken(
                                0, AuditVerification.Reason.MISSING_ENTRIES, e.getMessage()));
                        receipts = List.of();
                    }
                    if (contradicted.isPresent()) {
                        yield broken(log, contradicted.get());
                    }
                    say("audit.intact", log.toString(), Long.toString(intact.entries()), intact.headMac());
                    say("audit.anchors.checked", Integer.toString(receipts.size()));
                    yield 0;
                }
                case AuditVerification.Broken broken -> broken(log, broken);
                case AuditVerification.Absent _ -> {
                    say("audit.absent", log.toString());
                    yield 1;
                }
                case AuditVerification.IncompleteTail torn -> {
                    say(
                            "audit.torn",
                            log.toString(),
                            Long.toString(torn.intactEntries()),
                            Integer.toString(torn.tailBytes()));
                    yield 2;
                }
                case AuditVerification.HeadBehind behind -> {
                    say("audit.headBehind", log.toString(), Long.toString(behind.entries()));
                    yield 2;
                }
                case AuditVerification.Unkeyed unkeyed -> {
                    say("audit.unkeyed", log.toString(), Long.toString(unkeyed.entries()), unkeyed.digest());
                    yield 2;
                }
            };
        }

        private static int broken(Path log, AuditVerification.Broken broken) {
            for (Messages words : LANGUAGES) {
                System.out.println(words.get(
                        "audit.broken",
                        log.toString(),
                        Long.toString(broken.entry()),
                        words.get("audit.reason." + broken.reason().name()),
                        broken.detail()));
            }
            return 1;
        }
    }

    @Command(
            name = "acknowledge",
            description = "Clear a standing audit alarm (terminal stopped); the acknowledgment is the next entry.")
    static final class Acknowledge implements Callable<Integer> {

        @CommandLine.Mixin
        LogFile where = new LogFile();

        @Option(
                names = "--staff",
                required = true,
                description = "The administrator's staff id; the password is asked (or read as one line of stdin).")
        String staff;

        /** Where the password is read from when there is no console (tests, scripts); null: standard input. */
        InputStream in;

        @Option(names = "--terminal", description = "The terminal id the entry is written as (default: admin-cli).")
        String terminal = "admin-cli";

        @Override
        public Integer call() {
            Path log = where.path();
            // Only an administrator may reopen confirmations: signed in with the accounts of the log's data folder.
            if (!administrator(log.toAbsolutePath().getParent())) {
                say("audit.acknowledge.refused", staff);
                return 1;
            }
            AuditTrail trail = AuditTrail.open(log, terminal, Clock.systemUTC(), false);
            return switch (trail.acknowledge(staff)) {
                case AuditTrail.Acknowledged done -> {
                    say(
                            "audit.acknowledged",
                            log.toString(),
                            Long.toString(done.seq()),
                            done.brokenLogKeptAt().map(Path::toString).orElse("-"));
                    yield 0;
                }
                case AuditTrail.NothingToAcknowledge _ -> {
                    say("audit.noAlarm", log.toString());
                    yield 0;
                }
                case AuditTrail.StillFailing failing -> {
                    say("audit.stillFailing", log.toString(), failing.detail());
                    yield 1;
                }
            };
        }

        /** Whether {@code --staff} signs in with its password and holds the administrator role. */
        private boolean administrator(Path dataDir) {
            char[] password = password();
            try {
                SignIn result = new StaffSignIn(
                                StaffAccounts.in(dataDir),
                                LockoutPolicy.DEFAULT,
                                InstantSource.system(),
                                PasswordHash.Parameters.DEFAULT)
                        .signIn(staff, password);
                return result instanceof SignIn.SignedIn(StaffMember member) && member.has(Role.ADMINISTRATOR);
            } finally {
                Arrays.fill(password, '\0');
            }
        }

        private char[] password() {
            try {
                return PasswordInput.read(in, false);
            } catch (IllegalArgumentException | IOException e) {
                return new char[0]; // no password: the sign-in refuses
            }
        }
    }

    @Command(name = "report", description = "A day's entries, the chain's head after them and its anchor receipt.")
    static final class Report implements Callable<Integer> {

        @CommandLine.Mixin
        LogFile where = new LogFile();

        @Option(names = "--date", description = "The day (yyyy-mm-dd, the terminal's time zone; default today).")
        LocalDate date;

        @Override
        public Integer call() {
            Path log = where.path();
            if (!(AuditLog.verify(log) instanceof AuditVerification.Intact)) {
                say("audit.report.notIntact", log.toString());
                return 1;
            }
            ZoneId zone = ZoneId.systemDefault();
            LocalDate day = date != null ? date : LocalDate.now(zone);
            try {
                AuditAnchors.Day summary = AuditAnchors.day(AuditLog.read(log), day, zone);
                Optional<AuditAnchor> head = summary.headAtEnd();
                Optional<AuditAnchor> receipt = AuditAnchors.receipts(log).stream()
                        .filter(a -> a.date().equals(day))
                        .reduce((first, second) -> second);
                say(
                        "audit.report",
                        day.toString(),
                        Long.toString(summary.entriesThatDay()),
                        head.map(a -> Long.toString(a.entries())).orElse("0"),
                        head.map(AuditAnchor::mac).orElse(AuditLog.GENESIS),
                        receipt.map(a -> a.confirmation() + " (" + a.entries() + ")")
                                .orElse("-"));
                return 0;
            } catch (IOException e) {
                say("audit.report.notIntact", log.toString());
                return 1;
            }
        }
    }
}
