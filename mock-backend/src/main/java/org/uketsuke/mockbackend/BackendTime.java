package org.uketsuke.mockbackend;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.uketsuke.eligibility.wire.WireDates;

/** The national system's time stamps and dates: Japan time, {@code uuuuMMddHHmmss}. */
final class BackendTime {

    static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private BackendTime() {}

    static String stamp(Instant instant) {
        return WireDates.formatStamp(LocalDateTime.ofInstant(instant, JAPAN));
    }

    static String now(Clock clock) {
        return stamp(clock.instant());
    }

    static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), JAPAN);
    }
}
