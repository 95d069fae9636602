package org.uketsuke.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.config.ConfigProblem.Reason;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.app.ui.ReasonTexts;

/** {@code tls.key_store}: the terminal key on a PKCS#11 token or in the Windows certificate store, as configured. */
class HeldKeyConfigTest {

    private static final String BASE = """
            terminal.id=counter-1
            institution.code=1311234567
            backend.url=https://oqs.example.jp/api
            tls.trusted_cas=/etc/uketsuke/server-ca.pem
            data_dir=/var/lib/uketsuke
            """;

    private static UketsukeConfig ok(String text) {
        return switch (ConfigParser.parse(text)) {
            case ConfigResult.Ok ok -> ok.config();
            case ConfigResult.Invalid invalid -> throw new AssertionError(invalid.problems());
        };
    }

    private static List<ConfigProblem> problems(String text) {
        return switch (ConfigParser.parse(text)) {
            case ConfigResult.Ok ok -> throw new AssertionError("read: " + ok.config());
            case ConfigResult.Invalid invalid -> invalid.problems();
        };
    }

    @Test
    void aTokenKeyIsReadWithItsModuleSlotAliasAndWhereThePinIs() {
        UketsukeConfig c = ok(BASE + """
                tls.key_store=pkcs11
                tls.key_alias=uketsuke-terminal
                tls.pkcs11.library=/usr/lib/softhsm/libsofthsm2.so
                tls.pkcs11.slot_index=2
                tls.pkcs11.pin_file=/etc/uketsuke/token.pin
                """);
        UketsukeConfig.Credentials.Pkcs11 expected = new UketsukeConfig.Credentials.Pkcs11(
                Path.of("/usr/lib/softhsm/libsofthsm2.so"),
                2,
                "uketsuke-terminal",
                new UketsukeConfig.TokenPin.FromFile(Path.of("/etc/uketsuke/token.pin")),
                Path.of("/etc/uketsuke/server-ca.pem"));
        assertThat(c.backend().credentials()).isEqualTo(expected);
        assertThat(ok(ConfigWriter.text(ConfigWriter.fields(c))))
                .as("written back")
                .isEqualTo(c);

        UketsukeConfig defaults = ok(BASE + """
                tls.key_store=pkcs11
                tls.key_alias=k
                tls.pkcs11.library=/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so
                """);
        assertThat(defaults.backend().credentials())
                .isEqualTo(new UketsukeConfig.Credentials.Pkcs11(
                        Path.of("/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so"),
                        0,
                        "k",
                        new UketsukeConfig.TokenPin.FromVariable("UKETSUKE_TOKEN_PIN"),
                        Path.of("/etc/uketsuke/server-ca.pem")));
        assertThat(ok(ConfigWriter.text(ConfigWriter.fields(defaults)))).isEqualTo(defaults);
    }

    @Test
    void theWindowsStoresAreReadWithTheirAlias() {
        for (String store : List.of("windows-my", "windows-my-localmachine")) {
            UketsukeConfig c = ok(BASE + "tls.key_store=" + store + "\ntls.key_alias=Uketsuke Terminal\n");
            assertThat(c.backend().credentials())
                    .isEqualTo(new UketsukeConfig.Credentials.WindowsStore(
                            store.endsWith("localmachine"),
                            "Uketsuke Terminal",
                            Path.of("/etc/uketsuke/server-ca.pem")));
            assertThat(ok(ConfigWriter.text(ConfigWriter.fields(c)))).isEqualTo(c);
        }
    }

    @Test
    void eachBadValueIsItsOwnProblemWithLineAndKeyInBothLanguages() {
        List<ConfigProblem> found = problems(BASE + """
                tls.key_store=pkcs11
                tls.pkcs11.slot_index=300
                tls.pkcs11.pin_env=token pin
                tls.pkcs11.library=softhsm2.so
                tls.key=/etc/uketsuke/terminal.key
                """);
        assertThat(found)
                .containsExactlyInAnyOrder(
                        new ConfigProblem(10, "tls.key", Reason.CONFLICT, "tls.key_store"),
                        new ConfigProblem(0, "tls.key_alias", Reason.MISSING, ""),
                        new ConfigProblem(9, "tls.pkcs11.library", Reason.NOT_ABSOLUTE, ""),
                        new ConfigProblem(7, "tls.pkcs11.slot_index", Reason.OUT_OF_RANGE, "0–255"),
                        new ConfigProblem(8, "tls.pkcs11.pin_env", Reason.BAD_VARIABLE, ""));
        assertThat(ReasonTexts.configProblem(found.get(0), new Messages(Messages.ENGLISH)))
                .isEqualTo("line 10, tls.key: cannot be used together with tls.key_store");
        assertThat(ReasonTexts.configProblem(found.get(0), new Messages(Messages.JAPANESE)))
                .startsWith("10行目 tls.key: ");

        assertThat(problems(BASE + "tls.key_store=nss\ntls.certificate=/a\ntls.key=/b\n"))
                .contains(new ConfigProblem(
                        6, "tls.key_store", Reason.BAD_CHOICE, "files, pkcs11, windows-my, windows-my-localmachine"));
        assertThat(problems(BASE + """
                        tls.key_store=pkcs11
                        tls.key_alias=k
                        tls.pkcs11.library=/usr/lib/softhsm/libsofthsm2.so
                        tls.pkcs11.pin_env=PIN
                        tls.pkcs11.pin_file=/etc/uketsuke/token.pin
                        """))
                .containsExactly(new ConfigProblem(9, "tls.pkcs11.pin_env", Reason.CONFLICT, "tls.pkcs11.pin_file"));
        assertThat(problems(BASE + "tls.key_store=windows-my\ntls.key_alias=k\ntls.pkcs11.slot_index=1\n"))
                .containsExactly(new ConfigProblem(8, "tls.pkcs11.slot_index", Reason.CONFLICT, "windows-my"));
        assertThat(problems(BASE + "tls.certificate=/a\ntls.key=/b\ntls.key_alias=k\n"))
                .as("token keys with the key in files")
                .containsExactly(new ConfigProblem(8, "tls.key_alias", Reason.CONFLICT, "tls.key_store=files"));
    }
}
