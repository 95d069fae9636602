package org.uketsuke.bridge.csv;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.uketsuke.bridge.csv.CsvExportSink.Column;
import org.uketsuke.eligibility.MedicalSubsidies;
import org.uketsuke.eligibility.MedicalSubsidy;

/**
 * The PMH 医療費助成 columns, appended after {@link ParticularsColumns} (docs/rececon-integration.md#csv-export,
 * docs/spec-notes/pmh.md): the answer's status (empty when not asked; 1 provided, 2 declined, 3 municipality not
 * connected — the paper 受給者証 is needed) and the 受給者証 as one cell, entries separated by a space and their parts
 * ({@code 種別:負担者番号:受給者番号:市区町村:開始:終了:1回負担:月上限}) by {@code :}.
 */
final class SubsidyColumns {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);

    private SubsidyColumns() {}

    static List<Column> columns() {
        return List.of(
                new Column("医療費助成状況", r -> status(r.q().particulars().subsidies())),
                new Column(
                        "医療費助成",
                        r -> r.q().particulars().subsidies().subsidies().stream()
                                .map(SubsidyColumns::entry)
                                .collect(Collectors.joining(" "))));
    }

    private static String status(MedicalSubsidies answer) {
        return answer.status() == MedicalSubsidies.Status.NOT_ASKED
                ? ""
                : answer.status().code();
    }

    private static String entry(MedicalSubsidy s) {
        return String.join(
                ":",
                s.kind().code(),
                s.payer().value(),
                s.recipient() == null ? "" : s.recipient().value(),
                s.municipality() == null
                        ? ""
                        : s.municipality().replace(':', '：').replace(' ', '　'),
                day(s.validStart()),
                day(s.validEnd()),
                s.copay().perVisitYen() == null ? "" : s.copay().perVisitYen().toString(),
                s.copay().monthlyCapYen() == null
                        ? ""
                        : s.copay().monthlyCapYen().toString());
    }

    private static String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }
}
