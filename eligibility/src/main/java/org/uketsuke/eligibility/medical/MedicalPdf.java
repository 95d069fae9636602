package org.uketsuke.eligibility.medical;

import java.util.Objects;

/** A rendered report of one category, as the national system also offers it (PDF, Japanese font embedded). */
public record MedicalPdf(MedicalCategory category, byte[] bytes) {

    public MedicalPdf {
        Objects.requireNonNull(category, "category");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public String toString() {
        return "MedicalPdf[" + category + ", " + bytes.length + " bytes]";
    }
}
