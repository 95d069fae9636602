package org.uketsuke.eligibility.wire;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The dates the messages and the stores carry ({@code uuuuMMdd}, ISO {@code uuuu-MM-dd}, the time stamp
 * {@code uuuuMMddHHmmss}), read and written by hand for the common case — a valid date of years 0000–9999 in plain
 * ASCII digits — and by {@link DateTimeFormatter} for everything else, so every input gives what the formatter gave
 * (its resolving of 31 February included). The formatters' general machinery was a tenth of the JIT's work and a few
 * percent of the CPU per confirmation on both sides (docs/tuning.md).
 */
public final class WireDates {

    /** {@code uuuuMMdd}, as the messages carry dates. */
    public static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);

    /** {@code uuuuMMddHHmmss}, as the messages carry time stamps. */
    public static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    private WireDates() {}

    /**
     * {@code LocalDate.parse(text, COMPACT)}.
     *
     * @throws java.time.format.DateTimeParseException as the formatter throws it
     */
    public static LocalDate parseCompact(String text) {
        LocalDate date = text.length() == 8 ? plain(text, 0, 4, 6) : null;
        return date != null ? date : LocalDate.parse(text, COMPACT);
    }

    /**
     * {@code LocalDate.parse(text)} (ISO, strict).
     *
     * @throws java.time.format.DateTimeParseException as {@code LocalDate.parse} throws it
     */
    public static LocalDate parseIso(String text) {
        LocalDate date =
                text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-' ? plain(text, 0, 5, 8) : null;
        return date != null ? date : LocalDate.parse(text);
    }

    /** {@code COMPACT.format(date)}. */
    public static String formatCompact(LocalDate date) {
        int year = date.getYear();
        if (year < 0 || year > 9999) {
            return COMPACT.format(date);
        }
        char[] out = new char[8];
        digits(out, 0, year, 4);
        digits(out, 4, date.getMonthValue(), 2);
        digits(out, 6, date.getDayOfMonth(), 2);
        return new String(out);
    }

    /** {@code STAMP.format(time)}. */
    public static String formatStamp(LocalDateTime time) {
        int year = time.getYear();
        if (year < 0 || year > 9999) {
            return STAMP.format(time);
        }
        char[] out = new char[14];
        digits(out, 0, year, 4);
        digits(out, 4, time.getMonthValue(), 2);
        digits(out, 6, time.getDayOfMonth(), 2);
        digits(out, 8, time.getHour(), 2);
        digits(out, 10, time.getMinute(), 2);
        digits(out, 12, time.getSecond(), 2);
        return new String(out);
    }

    /**
     * The valid date with its 4-digit year at {@code y}, 2-digit month at {@code m} and day at {@code d}, or null when
     * a field holds anything but ASCII digits or the date does not exist (the caller then asks the formatter).
     */
    private static LocalDate plain(String text, int y, int m, int d) {
        int year = number(text, y, 4);
        int month = number(text, m, 2);
        int day = number(text, d, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1) {
            return null;
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return null; // 31 February and its kin: the formatter decides
        }
    }

    /** The number written by {@code length} ASCII digits at {@code from}, or -1. */
    private static int number(String text, int from, int length) {
        int n = 0;
        for (int i = from; i < from + length; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static void digits(char[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
