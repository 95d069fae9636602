package org.uketsuke.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uketsuke.app.ui.Messages;
import org.uketsuke.app.ui.ReasonTexts;
import org.uketsuke.fuzz.FuzzReport;
import org.uketsuke.fuzz.Fuzzer;

/**
 * An administrator edits {@code uketsuke.conf} by hand: whatever its bytes, reading it gives a configuration or
 * problems that each name a key or a line, with a ja and an en message, and never throws. A configuration that reads
 * is written back and read again unchanged (the settings screen saves that way). Corpus: src/test/resources/fuzz/Config.
 */
class ConfigFuzzTest {

    private static final Messages JA = new Messages(Messages.JAPANESE);
    private static final Messages EN = new Messages(Messages.ENGLISH);

    private static final String[] TOKENS = {
        "=",
        "\n",
        "\r\n",
        "\r",
        "#",
        "\uFEFF",
        " ",
        "\u3000",
        ",",
        "yes",
        "no",
        "off",
        "none",
        "auto",
        "ja",
        "en",
        "pin",
        "face",
        "visual",
        "https://",
        "http://",
        "jdbc:postgresql://",
        "/",
        "/var/lib/uketsuke",
        "C:\\ProgramData",
        "UTF-8",
        "Shift_JIS",
        "0",
        "65",
        "1311234567",
        "staff.",
        "受付",
        "𠮷",
        "\u0000",
        "terminal.id",
        "institution.code",
        "backend.url",
        "tls.pkcs12",
        "tls.key",
        "tls.certificate",
        "tls.trusted_cas",
        "data_dir",
        "sink.csv",
        "camera",
        "kiosk.identity_checks",
        "kiosk.idle_timeout_seconds",
        "tls.pkcs12_password_env"
    };

    @Test
    void anyFileGivesAConfigurationOrNamedProblemsNeverAnException() {
        FuzzReport report = Fuzzer.target("Config")
                .dictionary(TOKENS)
                .maxLength(4 * 1024)
                .run(bytes -> {
                    return switch (ConfigParser.parse(bytes)) {
                        case ConfigResult.Ok ok -> {
                            UketsukeConfig again = switch (ConfigParser.parse(
                                    ConfigWriter.text(ConfigWriter.fields(ok.config())))) {
                                case ConfigResult.Ok reread -> reread.config();
                                case ConfigResult.Invalid invalid ->
                                    throw new AssertionError("the written file does not read: " + invalid.problems());
                            };
                            if (!again.equals(ok.config())) {
                                throw new AssertionError("written and read back " + again + " is not " + ok.config());
                            }
                            yield "ok";
                        }
                        case ConfigResult.Invalid invalid -> {
                            for (ConfigProblem problem : invalid.problems()) {
                                if (problem.key().isEmpty()
                                        && problem.line() == 0
                                        && problem.reason() != ConfigProblem.Reason.NOT_UTF8) {
                                    throw new AssertionError("a problem naming neither key nor line: " + problem);
                                }
                                if (ReasonTexts.configProblem(problem, JA).isBlank()
                                        || ReasonTexts.configProblem(problem, EN)
                                                .isBlank()) {
                                    throw new AssertionError("a problem without a message: " + problem);
                                }
                            }
                            yield invalid.problems().size() + " problems";
                        }
                    };
                });
        assertThat(report.totalInputs()).isGreaterThan(report.corpusInputs());
    }
}
