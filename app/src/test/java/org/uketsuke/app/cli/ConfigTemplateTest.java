package org.uketsuke.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.config.ConfigParser;
import org.uketsuke.app.config.ConfigProblem;
import org.uketsuke.app.config.ConfigResult;

/** The annotated template the packages install: every key, its default and an example, and it reads. */
class ConfigTemplateTest {

    private static final Pattern EXAMPLE = Pattern.compile("^#([a-z_.]+)=.*$", Pattern.MULTILINE);

    @Test
    void everyKeyOfTheParserHasItsWordsDefaultAndExample() {
        String template = ConfigTemplate.text();
        for (String key : ConfigParser.KEYS) {
            assertThat(template)
                    .as(key)
                    .containsPattern("(?m)^# " + Pattern.quote(key) + ": \\S")
                    .containsPattern(
                            "(?m)^# " + Pattern.quote(key) + ": .*\\n# default: \\S.*\\n#" + Pattern.quote(key) + "=");
        }
        assertThat(template).contains("#staff.yamada=");
    }

    @Test
    void asInstalledItReadsWithOnlyTheRequiredKeysMissing() {
        var result = ConfigParser.parse(ConfigTemplate.text());
        assertThat(result).isInstanceOf(ConfigResult.Invalid.class);
        assertThat(((ConfigResult.Invalid) result).problems())
                .extracting(ConfigProblem::reason)
                .containsOnly(ConfigProblem.Reason.MISSING);
    }

    @Test
    void itsExamplesTakenTogetherAreAValidConfiguration() {
        // Every example line set, except the PKCS#12 pair and the token keys: the alternatives to the PEM pair.
        String examples = ConfigTemplate.text()
                .lines()
                .filter(line -> EXAMPLE.matcher(line).matches() && !alternativeKey(line))
                .map(line -> line.substring(1))
                .collect(Collectors.joining("\n"));
        var result = ConfigParser.parse(examples);
        assertThat(result).as(examples).isInstanceOf(ConfigResult.Ok.class);
        assertThat(examples.lines().count()).isEqualTo(ConfigParser.KEYS.size() - 8 + 1);
    }

    private static boolean alternativeKey(String line) {
        return line.startsWith("#tls.pkcs1") || line.startsWith("#tls.key_store") || line.startsWith("#tls.key_alias");
    }
}
