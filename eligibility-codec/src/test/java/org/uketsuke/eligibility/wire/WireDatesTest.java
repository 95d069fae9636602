package org.uketsuke.eligibility.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link WireDates} reads and writes what the formatters read and wrote, for every input (fixed seed). */
class WireDatesTest {

    private static final Random RANDOM = new Random(2026_12_06L);

    @Test
    void validDatesReadAndWriteAsTheFormattersDid() {
        for (int n = 0; n < 50_000; n++) {
            LocalDate date = LocalDate.ofEpochDay(RANDOM.nextLong(
                    LocalDate.of(0, 1, 1).toEpochDay(),
                    LocalDate.of(9999, 12, 31).toEpochDay() + 1));
            String compact = WireDates.COMPACT.format(date);
            assertThat(WireDates.formatCompact(date)).isEqualTo(compact);
            assertThat(WireDates.parseCompact(compact)).isEqualTo(date);
            assertThat(WireDates.parseIso(date.toString())).isEqualTo(date);
        }
    }

    @Test
    void yearsBeyondFourDigitsGoToTheFormatter() {
        for (LocalDate date :
                List.of(LocalDate.of(10_000, 1, 1), LocalDate.of(-1, 12, 31), LocalDate.of(123_456, 2, 29))) {
            assertThat(WireDates.formatCompact(date)).isEqualTo(WireDates.COMPACT.format(date));
            LocalDateTime time = date.atTime(1, 2, 3);
            assertThat(WireDates.formatStamp(time)).isEqualTo(WireDates.STAMP.format(time));
        }
    }

    @Test
    void timeStampsWriteAsTheFormatterDid() {
        for (int n = 0; n < 20_000; n++) {
            LocalDateTime time = LocalDateTime.of(
                    RANDOM.nextInt(0, 10_000),
                    RANDOM.nextInt(1, 13),
                    RANDOM.nextInt(1, 29),
                    RANDOM.nextInt(24),
                    RANDOM.nextInt(60),
                    RANDOM.nextInt(60),
                    RANDOM.nextInt(1_000_000_000));
            assertThat(WireDates.formatStamp(time)).isEqualTo(WireDates.STAMP.format(time));
        }
    }

    /** Every input, valid or not: the same date or the same kind of failure as the formatter's. */
    @Test
    void anyTextParsesAsTheFormattersParsedIt() {
        List<String> odd = List.of(
                "20230231",
                "20240229",
                "20230229",
                "20231301",
                "20230001",
                "20230100",
                "20230132",
                "2023010",
                "202301011",
                "+20230101",
                "2023-01-01",
                "２０２３０１０１",
                "2023O101",
                "",
                "00000101",
                "99991231",
                "2023-02-31",
                "2023-02-29",
                "2024-02-30",
                "2023-1-01",
                "2023/01/01",
                "+2023-01-01",
                "20230101 ");
        for (String text : odd) {
            compareCompact(text);
            compareIso(text);
        }
        String alphabet = "0123456789-+ ０";
        for (int n = 0; n < 50_000; n++) {
            int length = RANDOM.nextBoolean() ? 8 : RANDOM.nextBoolean() ? 10 : RANDOM.nextInt(12);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < length; i++) {
                // mostly digits, so that many candidates are real or nearly real dates
                text.append(
                        RANDOM.nextInt(10) < 8
                                ? (char) ('0' + RANDOM.nextInt(10))
                                : alphabet.charAt(RANDOM.nextInt(alphabet.length())));
            }
            if (length == 10 && RANDOM.nextBoolean()) {
                text.setCharAt(4, '-');
                text.setCharAt(7, '-');
            }
            compareCompact(text.toString());
            compareIso(text.toString());
        }
    }

    @Test
    void thirtyFirstFebruaryResolvesAsTheCompactFormatterResolvesIt() {
        // uuuuMMdd resolves SMART: the last day of the month; ISO is strict and refuses it.
        assertThat(WireDates.parseCompact("20230231")).isEqualTo(LocalDate.of(2023, 2, 28));
        assertThatThrownBy(() -> WireDates.parseIso("2023-02-31")).isInstanceOf(DateTimeParseException.class);
    }

    private static void compareCompact(String text) {
        LocalDate expected;
        try {
            expected = LocalDate.parse(text, WireDates.COMPACT);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> WireDates.parseCompact(text)).as(text).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(WireDates.parseCompact(text)).as(text).isEqualTo(expected);
    }

    private static void compareIso(String text) {
        LocalDate expected;
        try {
            expected = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> WireDates.parseIso(text)).as(text).isInstanceOf(DateTimeParseException.class);
            return;
        }
        assertThat(WireDates.parseIso(text)).as(text).isEqualTo(expected);
    }
}
