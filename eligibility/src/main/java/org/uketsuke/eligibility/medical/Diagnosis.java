package org.uketsuke.eligibility.medical;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A diagnosis from claims (診療情報): when it was made, the disease name and its code (傷病名コード or ICD-10), and
 * where.
 */
public record Diagnosis(LocalDate date, String name, String code, String facility) {

    public Diagnosis {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(name, "name");
        code = code == null ? "" : code;
        facility = facility == null ? "" : facility;
    }
}
