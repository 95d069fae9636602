package org.uketsuke.app.ui;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.uketsuke.eligibility.InsuranceComparison;
import org.uketsuke.folders.face.PatientMatch;

/**
 * The staff console's words for whom a result imported from the 連携アプリ's {@code face} folder belongs to among the
 * レセコン store's patients, with the 保険情報の照合 of their stored insurance (docs/decisions/0017-imported-patients.md).
 * Staff only: names and insurance are shown on the console as everywhere on it, never logged.
 */
public final class ImportedPatientTexts {

    private ImportedPatientTexts() {}

    public static String forStaff(Messages messages, Optional<PatientMatch> match) {
        return match.map(m -> forStaff(messages, m)).orElse("");
    }

    static String forStaff(Messages messages, PatientMatch match) {
        return switch (match) {
            case PatientMatch.Matched m -> {
                StringBuilder text = new StringBuilder(
                        messages.get("staff.patient.by." + m.by(), m.patient().name()));
                if (!m.changes().isEmpty()) {
                    text.append(" — ").append(differences(messages, m.changes()));
                }
                if (!m.outdated().isEmpty()) {
                    text.append(" — ")
                            .append(messages.get(
                                    "staff.patient.outdated", m.outdated().size()));
                }
                yield text.toString();
            }
            case PatientMatch.Candidate c -> {
                PatientMatch.Compared latest = c.insurances().getFirst();
                yield messages.get(
                        "staff.patient.candidate", latest.stored().name(), differences(messages, latest.differences()));
            }
            case PatientMatch.Ambiguous a ->
                messages.get("staff.patient.ambiguous", a.patients().size());
            case PatientMatch.Unknown _ -> messages.get("staff.patient.unknown");
            case PatientMatch.Unavailable _ -> messages.get("staff.patient.unavailable");
        };
    }

    private static String differences(Messages messages, List<InsuranceComparison.Difference> differences) {
        return differences.stream()
                .map(d -> ReasonTexts.difference(d, messages))
                .collect(Collectors.joining("; "));
    }
}
