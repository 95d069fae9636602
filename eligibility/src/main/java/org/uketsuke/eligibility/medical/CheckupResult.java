package org.uketsuke.eligibility.medical;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One year's specific health checkup (特定健診, the official result's {@code SpecificHealthCheckupInfo}): the date it
 * was done ({@code EffectiveTime}), where, and the measured values by item.
 */
public record CheckupResult(LocalDate date, String facility, Map<CheckupItem, BigDecimal> values) {

    public CheckupResult {
        Objects.requireNonNull(date, "date");
        facility = facility == null ? "" : facility;
        EnumMap<CheckupItem, BigDecimal> copy = new EnumMap<>(CheckupItem.class);
        copy.putAll(values);
        values = Collections.unmodifiableMap(copy);
    }

    public Optional<BigDecimal> value(CheckupItem item) {
        return Optional.ofNullable(values.get(item));
    }

    /** The fiscal year (年度, April–March) the checkup counts for. */
    public int fiscalYear() {
        return date.getMonthValue() >= 4 ? date.getYear() : date.getYear() - 1;
    }
}
