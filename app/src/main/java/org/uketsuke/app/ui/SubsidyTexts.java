package org.uketsuke.app.ui;

import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.stream.Collectors;
import org.uketsuke.eligibility.MedicalSubsidies;
import org.uketsuke.eligibility.MedicalSubsidy;
import org.uketsuke.eligibility.Qualification;

/**
 * The PMH 医療費助成 on the result screen and the staff console (docs/spec-notes/pmh.md): the 受給者証 the municipality
 * provided with their validity, or — where the municipality is not connected or the patient declined — that the paper
 * 受給者証 is needed. Empty where nothing was asked or nothing is held.
 */
final class SubsidyTexts {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private SubsidyTexts() {}

    static Optional<String> forPatient(Messages m, Qualification q) {
        MedicalSubsidies answer = q.particulars().subsidies();
        return switch (answer.status()) {
            case NOT_ASKED -> Optional.empty();
            case DECLINED -> Optional.of(m.get("subsidy.result.declined"));
            case MUNICIPALITY_NOT_CONNECTED -> Optional.of(m.get("subsidy.result.paper"));
            case PROVIDED ->
                answer.subsidies().isEmpty()
                        ? Optional.empty()
                        : Optional.of(answer.subsidies().stream()
                                .map(s -> kindAndValidity(m, s))
                                .collect(Collectors.joining(" / ", m.get("subsidy.title") + ": ", "")));
        };
    }

    /** The staff also see the numbers the レセコン bills with and what the patient still pays. */
    static Optional<String> forStaff(Messages m, Qualification q) {
        MedicalSubsidies answer = q.particulars().subsidies();
        return switch (answer.status()) {
            case NOT_ASKED -> Optional.empty();
            case DECLINED -> Optional.of(m.get("subsidy.staff.declined"));
            case MUNICIPALITY_NOT_CONNECTED -> Optional.of(m.get("subsidy.staff.paper"));
            case PROVIDED ->
                Optional.of(
                        answer.subsidies().isEmpty()
                                ? m.get("subsidy.staff.none")
                                : answer.subsidies().stream()
                                        .map(s -> kindAndValidity(m, s) + " " + numbers(s) + copay(m, s))
                                        .collect(Collectors.joining(" / ", m.get("subsidy.title") + ": ", "")));
        };
    }

    private static String kindAndValidity(Messages m, MedicalSubsidy s) {
        String kind = m.get("subsidy.kind." + s.kind().name());
        String where = s.municipality() == null ? kind : m.get("subsidy.where", kind, s.municipality());
        return s.validEnd() == null ? where : m.get("subsidy.validUntil", where, DAY.format(s.validEnd()));
    }

    private static String numbers(MedicalSubsidy s) {
        return "(" + s.payer().value()
                + (s.recipient() == null ? "" : " / " + s.recipient().value()) + ")";
    }

    private static String copay(Messages m, MedicalSubsidy s) {
        if (s.copay().free()) {
            return " " + m.get("subsidy.copay.free");
        }
        StringBuilder text = new StringBuilder();
        if (s.copay().perVisitYen() != null) {
            text.append(' ').append(m.get("subsidy.copay.perVisit", s.copay().perVisitYen()));
        }
        if (s.copay().monthlyCapYen() != null) {
            text.append(' ').append(m.get("subsidy.copay.monthlyCap", s.copay().monthlyCapYen()));
        }
        return text.toString();
    }
}
