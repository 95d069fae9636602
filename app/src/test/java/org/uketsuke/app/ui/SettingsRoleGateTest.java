package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigResult;
import org.uketsuke.app.config.UketsukeConfig;
import org.uketsuke.app.production.TerminalDiagnostics;
import org.uketsuke.app.staff.Authorizer;
import org.uketsuke.app.staff.Role;
import org.uketsuke.app.staff.StaffMember;

/**
 * The settings screen's gates below the buttons: saving needs an administrator, and {@code java_options} (it starts
 * code through the launcher) is never written from the screen, whatever its field holds.
 */
class SettingsRoleGateTest {

    @TempDir
    Path dir;

    private Path file;
    private UketsukeConfig config;
    private final Messages messages = new Messages(Locale.ENGLISH);

    @BeforeEach
    void configuration() throws Exception {
        Path cas = Files.writeString(dir.resolve("cas.pem"), "");
        Path cert = Files.writeString(dir.resolve("terminal.pem"), "");
        Path key = Files.writeString(dir.resolve("terminal.key"), "");
        file = dir.resolve("uketsuke.conf");
        Files.writeString(file, """
                java_options=-Xmx1g
                terminal.id=counter-1
                institution.code=1311234567
                backend.url=https://backend.example:8443/
                tls.certificate=%s
                tls.key=%s
                tls.trusted_cas=%s
                data_dir=%s
                """.formatted(cert, key, cas, dir.resolve("data")));
        config = ((ConfigResult.Ok) ConfigParser.parse(Files.readAllBytes(file))).config();
    }

    private SettingsViewModel settings(Role... roles) {
        Authorizer who = Authorizer.fixed(new StaffMember("someone", "誰か", Set.of(roles)));
        return new SettingsViewModel(
                file, config, TerminalDiagnostics.system(), Runnable::run, Runnable::run, messages, who);
    }

    @Test
    void aReceptionistCannotSaveSettings() throws Exception {
        String before = Files.readString(file);
        SettingsViewModel model = settings(Role.RECEPTIONIST, Role.MEDICAL_VIEWER);
        model.field("backend.url").set("https://attacker.example/");

        model.save();

        assertThat(model.saveStatus.get()).isEqualTo(messages.get("staff.notPermitted"));
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void anAdministratorSaves() throws Exception {
        SettingsViewModel model = settings(Role.ADMINISTRATOR);
        model.field("backend.url").set("https://other.example:8443/");

        model.save();

        assertThat(Files.readString(file)).contains("backend.url=https://other.example:8443/");
    }

    @Test
    void javaOptionsFromTheScreenNeverReachTheFile() throws Exception {
        SettingsViewModel model = settings(Role.ADMINISTRATOR);
        model.field("java_options").set("-Xmx1g & calc.exe");
        model.field("terminal.id").set("counter-2");

        model.save();

        String saved = Files.readString(file);
        assertThat(saved)
                .contains("java_options=-Xmx1g\n", "terminal.id=counter-2")
                .doesNotContain("calc.exe");
        assertThat(SettingsViewModel.READ_ONLY).contains("java_options");
    }
}
