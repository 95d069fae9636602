package org.uketsuke.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.SignIn;
import org.uketsuke.app.staff.StaffAccounts;
import org.uketsuke.app.staff.StaffPolicy;
import picocli.CommandLine;

/**
 * {@code uketsuke staff}: the first administrator is created from the command line with the password on stdin (never
 * an argument), and the accounts it writes sign in at the console.
 */
class StaffCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        CommandLine line = new CommandLine(new StaffCommand());
        line.setExecutionStrategy(parseResult -> {
            for (CommandLine.ParseResult sub = parseResult; sub != null; sub = sub.subcommand()) {
                if (sub.commandSpec().userObject() instanceof StaffCommand.Change change) {
                    change.in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
                    change.out = new PrintStream(out, true, StandardCharsets.UTF_8);
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return line.execute(args);
    }

    @Test
    void anEmptyTerminalSaysHowToCreateTheFirstAdministrator() {
        assertThat(run("", "list", "--data-dir", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("uketsuke staff add --data-dir " + dir + " --roles administrator")
                .contains("管理者");
    }

    @Test
    void theFirstAdministratorIsCreatedWithThePasswordFromStdinAndSignsIn() throws Exception {
        assertThat(run(
                        "first-admin-pass\n",
                        "add",
                        "--data-dir",
                        dir.toString(),
                        "--roles",
                        "administrator",
                        "kanri",
                        "管理 太郎"))
                .isZero();
        assertThat(run("", "list", "--data-dir", dir.toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("kanri\t管理 太郎\tadministrator");

        Path file = StaffAccounts.in(dir).file();
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file)).doesNotContain("first-admin-pass");
        var session = StaffPolicy.DEFAULT.session(dir, Clock.systemUTC());
        assertThat(session.signIn("kanri", "first-admin-pass".toCharArray())).isInstanceOf(SignIn.SignedIn.class);
        assertThat(session.require(Role.ADMINISTRATOR).id()).isEqualTo("kanri");
    }

    @Test
    void thereIsNoPasswordOptionAndTheLastAdministratorStays() {
        run("first-admin-pass\n", "add", "--data-dir", dir.toString(), "--roles", "administrator", "kanri", "K");
        assertThat(run("", "add", "--data-dir", dir.toString(), "--roles", "receptionist", "--password", "x", "u", "U"))
                .isNotZero();
        assertThat(run("", "remove", "--data-dir", dir.toString(), "kanri")).isEqualTo(StaffCommand.REFUSED);
        assertThat(run("", "roles", "--data-dir", dir.toString(), "kanri", "receptionist"))
                .isEqualTo(StaffCommand.REFUSED);
        assertThat(StaffAccounts.in(dir).hasAdministrator()).isTrue();
    }

    @Test
    void aShortPasswordIsRefused() {
        assertThat(run("short\n", "add", "--data-dir", dir.toString(), "--roles", "administrator", "kanri", "K"))
                .isEqualTo(StaffCommand.REFUSED);
        assertThat(StaffAccounts.in(dir).list()).isEmpty();
    }
}
