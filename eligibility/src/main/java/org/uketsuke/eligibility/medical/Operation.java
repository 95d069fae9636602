package org.uketsuke.eligibility.medical;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An operation from claims (手術情報): the date, the procedure's name and its code (診療行為コード, the K-number of
 * the fee schedule in {@code code}), and the facility.
 */
public record Operation(LocalDate date, String name, String code, String facility) {

    public Operation {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(name, "name");
        code = code == null ? "" : code;
        facility = facility == null ? "" : facility;
    }
}
