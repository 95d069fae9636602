package org.uketsuke.mockbackend;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** The national system's time stamps and dates: Japan time, {@code uuuuMMddHHmmss}. */
final class BackendTime {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withZone(JAPAN);

    private BackendTime() {}

    static String stamp(Instant instant) {
        return STAMP.format(instant);
    }

    static String now(Clock clock) {
        return stamp(clock.instant());
    }

    static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), JAPAN);
    }
}
