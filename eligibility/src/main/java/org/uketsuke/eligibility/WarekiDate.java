package org.uketsuke.eligibility;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.chrono.JapaneseEra;
import java.time.format.TextStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * A date in the Japanese calendar (和暦): era + year of era + month + day, converted with the JDK's
 * {@link java.time.chrono.JapaneseChronology} (明治 from 1873, 大正, 昭和, 平成, 令和). The card front prints birth dates
 * this way, and 照合番号B starts with the 2-digit era year.
 */
public record WarekiDate(JapaneseEra era, int yearOfEra, int month, int day) {

    public WarekiDate {
        try {
            JapaneseDate.of(era, yearOfEra, month, day);
        } catch (DateTimeException e) {
            throw new InvalidValueException(
                    "WarekiDate", "no such date: " + era + " " + yearOfEra + "/" + month + "/" + day);
        }
    }

    public static WarekiDate of(LocalDate date) {
        JapaneseDate japanese = JapaneseDate.from(date);
        return new WarekiDate(
                japanese.getEra(), japanese.get(ChronoField.YEAR_OF_ERA), date.getMonthValue(), date.getDayOfMonth());
    }

    public LocalDate toLocalDate() {
        return LocalDate.from(JapaneseDate.of(era, yearOfEra, month, day));
    }

    /** {@code YYMMDD} with the era year, as in 照合番号B ({@code 昭和55年2月17日} → {@code 550217}). */
    public String yymmdd() {
        return String.format("%02d%02d%02d", yearOfEra % 100, month, day);
    }

    /** 昭和55年2月17日. */
    public String japanese() {
        return eraName(era) + (yearOfEra == 1 ? "元" : Integer.toString(yearOfEra)) + "年" + month + "月" + day + "日";
    }

    static String eraName(JapaneseEra era) {
        return switch (era.getValue()) {
            case -1 -> "明治";
            case 0 -> "大正";
            case 1 -> "昭和";
            case 2 -> "平成";
            case 3 -> "令和";
            default -> era.getDisplayName(TextStyle.FULL, Locale.JAPANESE);
        };
    }
}
