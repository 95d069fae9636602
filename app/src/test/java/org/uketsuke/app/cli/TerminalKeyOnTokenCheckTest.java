package org.uketsuke.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.production.SoftHsmTokens;

/**
 * A terminal key on a PKCS#11 token that cannot be used (issue #25), as {@code kiosk --check} reports it: the line
 * and key to fix, what is wrong and what to do, in English and Japanese — never a PKCS#11 exception. Real SoftHSM2
 * tokens; the Windows certificate store refused on this system with its own words.
 */
class TerminalKeyOnTokenCheckTest {

    @TempDir
    Path dir;

    private record Run(int exit, String err) {}

    private Run check(String keyLines) throws Exception {
        Path trusted = Files.writeString(dir.resolve("server-ca.pem"), "");
        Path conf = dir.resolve("uketsuke.conf");
        Files.writeString(
                conf,
                KioskCommandTest.NOTHING_CONNECTED
                        + keyLines.strip()
                        + "\ntls.trusted_cas=" + trusted
                        + "\ndata_dir=" + dir.resolve("data") + "\n");
        KioskCommandTest.Run run = KioskCommandTest.run("kiosk", "--config", conf.toString(), "--check");
        assertThat(run.err())
                .doesNotContain("Exception")
                .doesNotContain("CKR_")
                .doesNotContain("\tat ")
                .as("message quoting")
                .doesNotContain("''");
        return new Run(run.exit(), run.err().replace(conf + ": ", ""));
    }

    private static String token(SoftHsmTokens tokens, int slot, String alias, String pin) {
        return """
                tls.key_store=pkcs11
                tls.key_alias=%s
                tls.pkcs11.library=%s
                tls.pkcs11.slot_index=%d
                %s
                """.formatted(alias, tokens.module(), slot, pin);
    }

    private Path pinFile(String pin) throws Exception {
        Path file = Files.writeString(dir.resolve("token-" + pin + ".pin"), pin + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** One method, in this order: the empty token must see the wrong PIN before anything logs into it. */
    @Test
    void aMissingOrWrongPinAndAMissingKeyAreNamedWithLineKeyAndFix() throws Exception {
        SoftHsmTokens tokens = SoftHsmTokens.shared();
        Run unset = check(token(tokens, tokens.empty(), "terminal", "tls.pkcs11.pin_env=UKETSUKE_TEST_NO_SUCH_PIN"));
        assertThat(unset.exit()).isEqualTo(2);
        assertThat(unset.err())
                .contains("line 11, tls.pkcs11.pin_env: UKETSUKE_TEST_NO_SUCH_PIN: the token's PIN is not there (set")
                .contains("11行目 tls.pkcs11.pin_env: UKETSUKE_TEST_NO_SUCH_PIN: トークンのPINがありません（");

        Run wrong = check(token(tokens, tokens.empty(), "terminal", "tls.pkcs11.pin_file=" + pinFile("999999")));
        assertThat(wrong.exit()).isEqualTo(2);
        assertThat(wrong.err())
                .contains("line 11, tls.pkcs11.pin_file: the token refused the PIN (wrong, or locked after too many"
                        + " wrong ones) (correct the PIN;")
                .contains("11行目 tls.pkcs11.pin_file: トークンがPINを受け付けません");

        Run noKey =
                check(token(tokens, tokens.empty(), "terminal", "tls.pkcs11.pin_file=" + pinFile(SoftHsmTokens.PIN)));
        assertThat(noKey.exit()).isEqualTo(2);
        assertThat(noKey.err())
                .contains("line 8, tls.key_alias: \"terminal\": no private key with its certificate under this name"
                        + " (write in tls.key_alias")
                .contains("8行目 tls.key_alias: 「terminal」: この名前の秘密鍵と証明書がありません");
    }

    @Test
    void aSlotWithoutATokenAndAFileThatIsNoModuleAreNamed() throws Exception {
        SoftHsmTokens tokens = SoftHsmTokens.shared();
        Run absent = check(token(tokens, tokens.absent(), "terminal", "tls.pkcs11.pin_env=UKETSUKE_TEST_NO_SUCH_PIN"));
        // The PIN is looked for first: no token is only reported once the PIN is there.
        assertThat(absent.err()).contains("tls.pkcs11.pin_env");
        Run noToken =
                check(token(tokens, tokens.absent(), "terminal", "tls.pkcs11.pin_file=" + pinFile(SoftHsmTokens.PIN)));
        assertThat(noToken.exit()).isEqualTo(2);
        assertThat(noToken.err())
                .contains("line 10, tls.pkcs11.slot_index: no token in slot " + tokens.absent())
                .contains("(insert the card or token, or correct tls.pkcs11.slot_index")
                .contains("10行目 tls.pkcs11.slot_index: スロット " + tokens.absent() + " にトークンがありません");

        Path notAModule = Files.writeString(dir.resolve("not-a-module.so"), "not an ELF file");
        Run module = check(token(tokens, tokens.keys(), "terminal", "tls.pkcs11.pin_file=" + pinFile(SoftHsmTokens.PIN))
                .replace(tokens.module().toString(), notAModule.toString()));
        assertThat(module.exit()).isEqualTo(2);
        assertThat(module.err())
                .contains("line 9, tls.pkcs11.library: " + notAModule + ": not a PKCS#11 module this computer can load")
                .contains("9行目 tls.pkcs11.library: " + notAModule + ": このコンピュータで読み込めるPKCS#11モジュールではありません");
    }

    @Test
    void theWindowsCertificateStoreIsRefusedElsewhereWithItsOwnWords() throws Exception {
        Run run = check("tls.key_store=windows-my-localmachine\ntls.key_alias=uketsuke-terminal");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err())
                .contains("line 7, tls.key_store: Windows-MY-LOCALMACHINE: the Windows certificate store, which this"
                        + " computer does not have (on Linux keep the key on a PKCS#11 token")
                .contains("7行目 tls.key_store: Windows-MY-LOCALMACHINE: Windowsの証明書ストアです");
    }
}
