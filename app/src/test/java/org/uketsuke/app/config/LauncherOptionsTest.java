package org.uketsuke.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LauncherOptionsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "-Xmx1g",
                "-Xmx1g -Dhttps.proxyHost=proxy -Dhttps.proxyPort=8080",
                "-Djava.io.tmpdir=C:\\Uketsuke\\tmp",
                "-XX:+UseG1GC -Duser.language=ja"
            })
    void plainJvmOptionsPass(String value) {
        assertThat(LauncherOptions.problem(value)).isEmpty();
    }

    /** Each of these would run a program or change what the launcher runs if cmd.exe or a shell saw it. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "-Xmx1g & calc.exe",
                "-Xmx1g&calc.exe",
                "-Dx=\" & calc.exe & \"",
                "-Dx=%PATH%",
                "-Xmx1g\ncalc.exe",
                "-Xmx1g\r\ncalc.exe",
                "-Dx=a|calc",
                "-Dx=a^&calc",
                "-Dx=!PATH!",
                "-Dx=$(calc)",
                "-Dx=`calc`",
                "-Dx=a;calc",
                "-Dx=a>C:\\Windows\\win.ini",
                "calc.exe",
                "@C:\\evil\\args.txt"
            })
    void shellAndCmdMetacharactersAreRefused(String value) {
        assertThat(LauncherOptions.problem(value)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-javaagent:C:\\evil.jar",
                "-agentpath:/tmp/evil.so",
                "-agentlib:jdwp=transport=dt_socket,server=y",
                "-XX:OnError=calc.exe",
                "-XX:OnOutOfMemoryError=calc.exe",
                "-Xbootclasspath/a:evil.jar",
                "-Djava.system.class.loader=Evil",
                "-cp C:\\evil",
                "--class-path=C:\\evil",
                "-Xmx1g -jar C:\\evil.jar"
            })
    void optionsThatStartOtherCodeAreRefused(String value) {
        assertThat(LauncherOptions.problem(value)).isPresent();
    }

    @Test
    void theConfigurationNamesTheUnsafeOptionAndRefusesToLoad() {
        ConfigResult result = ConfigParser.parse("java_options=-Xmx1g & calc.exe\n");
        assertThat(result)
                .isInstanceOfSatisfying(
                        ConfigResult.Invalid.class,
                        invalid -> assertThat(invalid.problems())
                                .contains(
                                        new ConfigProblem(1, "java_options", ConfigProblem.Reason.UNSAFE_OPTION, "&")));
    }

    @Test
    void aProblemDetailNeverCarriesALineBreak() {
        Optional<String> detail = LauncherOptions.problem("-Dx=a\u0007b");
        assertThat(detail).hasValue("-Dx=a?b");
    }
}
