package org.uketsuke.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The harness itself: it finds a planted bug, saves the input, lets typed errors pass, and counts what it ran. */
class FuzzerTest {

    /** These tests fix their own budgets: a CI-wide {@code -Duketsuke.fuzz} (the launcher's 20 s) must not apply. */
    private String globalBudget;

    @BeforeEach
    void withoutTheGlobalBudget() {
        globalBudget = System.clearProperty("uketsuke.fuzz");
    }

    @AfterEach
    void restoreTheGlobalBudget() {
        if (globalBudget != null) {
            System.setProperty("uketsuke.fuzz", globalBudget);
        }
    }

    /** A toy parser of {@code <n>digits</n>}: typed error for bad input, a planted crash for numbers over 1000. */
    private static Object planted(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        if (!text.startsWith("<n>") || !text.endsWith("</n>") || text.length() < 8) {
            throw new IllegalArgumentException("not <n>…</n>");
        }
        long value = Long.parseLong(text.substring(3, text.length() - 4)); // NumberFormatException is an IAE
        if (value > 1000) {
            Object nothing = null;
            return nothing.toString(); // the bug the fuzzer must find
        }
        return value;
    }

    @Test
    void findsThePlantedCrashAndSavesTheInput() {
        assertThatThrownBy(() -> Fuzzer.target("Planted")
                        .allow(IllegalArgumentException.class)
                        .defaultInputs(200_000)
                        .run(FuzzerTest::planted))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("NullPointerException")
                .hasMessageContaining("fuzz-findings")
                .satisfies(e -> {
                    String path = e.getMessage().replaceAll(".* for input (\\S+) .*", "$1");
                    assertThat(Path.of(path)).exists();
                    assertThat(Long.parseLong(Files.readString(Path.of(path))
                                    .replaceAll("</?n>", "")
                                    .strip()))
                            .isGreaterThan(1000);
                });
    }

    @Test
    void typedErrorsAreNotFindingsAndEveryInputIsCounted() {
        FuzzReport report = Fuzzer.target("Planted")
                .allow(IllegalArgumentException.class, NullPointerException.class)
                .defaultInputs(5_000)
                .run(FuzzerTest::planted);
        assertThat(report.corpusInputs()).isEqualTo(1);
        assertThat(report.mutatedInputs()).isEqualTo(5_000);
        assertThat(report.totalInputs()).isEqualTo(5_001);
        assertThat(report.behaviours()).isGreaterThanOrEqualTo(3); // ok Long, NumberFormat, not <n>, NPE
        assertThat(report.line()).contains("5001 inputs").contains("0 findings");
    }

    @Test
    void aBudgetIsACountOrADuration() {
        assertThat(Fuzzer.Budget.of(null, 7)).isEqualTo(new Fuzzer.Budget(7, null, false));
        assertThat(Fuzzer.Budget.of("1000000", 7)).isEqualTo(new Fuzzer.Budget(1_000_000, null, true));
        assertThat(Fuzzer.Budget.of("30s", 7))
                .isEqualTo(new Fuzzer.Budget(Long.MAX_VALUE, Duration.ofSeconds(30), true));
        assertThat(Fuzzer.Budget.of("2m", 7).duration()).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> Fuzzer.Budget.of("soon", 7)).isInstanceOf(IllegalArgumentException.class);
    }
}
