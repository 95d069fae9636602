package org.uketsuke.eligibility.medical;

import java.time.LocalDate;
import java.util.Objects;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.Nullable;

/**
 * A request for one category of a patient's medical information, as the 連携アプリ's {@code YZK…}/{@code TKK…}
 * requests carry it: the patient's insurance (the person the clinic confirmed), an optional date range and the
 * scenario ({@code MedicalTreatmentFlag}).
 *
 * @param from first date wanted, or null for all the system keeps
 * @param to last date wanted, or null for up to today
 * @param withTreatments for drugs: the acts of care of the same claims too (薬剤+診療, FileCategory 03/04)
 */
public record MedicalQuery(
        InsuranceCardId card,
        MedicalCategory category,
        @Nullable LocalDate from,
        @Nullable LocalDate to,
        ConsentScenario scenario,
        String arbitraryFileIdentifier,
        boolean withTreatments) {

    public MedicalQuery {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(scenario, "scenario");
        if (!category.viewable()) {
            throw new IllegalArgumentException(category + " comes with the qualification, not on its own");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("date range ends before it starts");
        }
        if (withTreatments && category != MedicalCategory.DRUG) {
            throw new IllegalArgumentException("acts of care come with drugs only, not with " + category);
        }
        arbitraryFileIdentifier = arbitraryFileIdentifier == null ? "" : arbitraryFileIdentifier;
    }

    /** Without the acts of care. */
    public MedicalQuery(
            InsuranceCardId card,
            MedicalCategory category,
            @Nullable LocalDate from,
            @Nullable LocalDate to,
            ConsentScenario scenario,
            String arbitraryFileIdentifier) {
        this(card, category, from, to, scenario, arbitraryFileIdentifier, false);
    }

    public static MedicalQuery all(InsuranceCardId card, MedicalCategory category) {
        return new MedicalQuery(card, category, null, null, ConsentScenario.OUTPATIENT, "");
    }

    /** The same query under another {@code ArbitraryFileIdentifier}. */
    public MedicalQuery withArbitraryFileIdentifier(String id) {
        return new MedicalQuery(card, category, from, to, scenario, id, withTreatments);
    }

    public boolean covers(LocalDate date) {
        return (from == null || !date.isBefore(from)) && (to == null || !date.isAfter(to));
    }
}
