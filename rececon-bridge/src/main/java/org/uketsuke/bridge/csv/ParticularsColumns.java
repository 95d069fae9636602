package org.uketsuke.bridge.csv;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.uketsuke.bridge.csv.CsvExportSink.Column;
import org.uketsuke.eligibility.ConsentKind;
import org.uketsuke.eligibility.ConsentRecord;
import org.uketsuke.eligibility.ResultParticulars;

/**
 * The columns appended after the first 28 (docs/rececon-integration.md#csv-export): every other element of the result,
 * at the end so importers set up for the older layout keep reading theirs. Lists are one cell, entries separated by a
 * space and their parts by {@code :}.
 */
final class ParticularsColumns {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);

    private ParticularsColumns() {}

    static List<Column> columns() {
        List<Column> columns = new ArrayList<>(List.of(
                p("被保険者証区分", p -> p.cardClassification().code()),
                p("世帯主氏名", ResultParticulars::insuredName),
                p("別名", ResultParticulars::nameOfOther),
                p("別名カナ", ResultParticulars::nameOfOtherKana),
                p("性別2", ResultParticulars::sex2),
                p("住所", ResultParticulars::address),
                p("郵便番号", ResultParticulars::postNumber),
                p("資格喪失年月日", p -> day(p.disqualificationDate())),
                p("資格喪失事由", ResultParticulars::reasonOfLoss),
                p("交付年月日", p -> day(p.certificateIssuanceDate())),
                p("有効開始年月日", p -> day(p.cardValidDate())),
                p("有効終了年月日", p -> day(p.cardExpirationDate())),
                p("未就学区分", ResultParticulars::preschoolClassification),
                new Column("処方箋発行形態", r -> r.message().prescriptionIssueSelect()),
                new Column("高齢受給者証交付年月日", r -> day(r.q().details().elderly().map(e -> e.certificateDate()))),
                new Column("高齢受給者有効開始年月日", r -> day(r.q().details().elderly().map(e -> e.validStart()))),
                new Column("高齢受給者有効終了年月日", r -> day(r.q().details().elderly().map(e -> e.validEnd()))),
                new Column(
                        "限度額適用認定証区分",
                        r -> r.q().details()
                                .limit()
                                .map(l -> l.classification())
                                .orElse("")),
                new Column("限度額交付年月日", r -> day(r.q().details().limit().map(l -> l.certificateDate()))),
                new Column("限度額有効開始年月日", r -> day(r.q().details().limit().map(l -> l.validStart()))),
                new Column("限度額有効終了年月日", r -> day(r.q().details().limit().map(l -> l.validEnd()))),
                new Column("限度額長期入院該当年月日", r -> day(r.q().details().limit().map(l -> l.longTermDate()))),
                new Column(
                        "特定疾病詳細",
                        r -> r.q().details().specificDiseases().stream()
                                .map(d -> d.disease().code() + ":" + day(d.certificateDate()) + ":"
                                        + day(d.validStart()) + ":" + day(d.validEnd()) + ":" + d.selfPayYen())
                                .collect(Collectors.joining(" "))),
                new Column(
                        "公費有効期間",
                        r -> r.q().details().publicExpenses().stream()
                                .map(x -> day(x.validStart()) + ":" + day(x.validEnd()))
                                .collect(Collectors.joining(" "))),
                p(
                        "医療扶助",
                        p -> p.medicalTickets().stream()
                                .map(t -> t.ticketKind() + ":" + t.payer().value() + ":"
                                        + t.recipient().value() + ":" + day(t.validStart()) + ":"
                                        + day(t.validEnd()))
                                .collect(Collectors.joining(" ")))));
        for (ConsentKind kind : ConsentKind.values()) {
            String label = label(kind);
            columns.add(p(
                    label + "同意",
                    p -> consent(p, kind).map(c -> c.flag().code()).orElse("")));
            columns.add(p(
                    label + "同意日時",
                    p -> consent(p, kind).map(ConsentRecord::consentTime).orElse("")));
            if (kind.expiring()) {
                columns.add(p(
                        label + "閲覧期限",
                        p -> consent(p, kind).map(ConsentRecord::expiry).orElse("")));
            }
        }
        return columns;
    }

    private static String label(ConsentKind kind) {
        return switch (kind) {
            case SPECIFIC_HEALTH_CHECKUPS -> "特定健診情報";
            case PHARMACEUTICAL -> "薬剤情報";
            case DIAGNOSIS -> "診療情報";
            case OPERATION -> "手術情報";
            case CLINICAL_SIX -> "電子カルテ情報";
            case LIMIT_APPLICATION -> "限度額情報";
            case SPECIFIC_DISEASES -> "特定疾病情報";
        };
    }

    private static Optional<ConsentRecord> consent(ResultParticulars p, ConsentKind kind) {
        return p.consent(kind);
    }

    private static Column p(String header, Function<ResultParticulars, String> value) {
        return new Column(header, r -> value.apply(r.q().particulars()));
    }

    private static String day(LocalDate date) {
        return date == null ? "" : DAY.format(date);
    }

    private static String day(Optional<LocalDate> date) {
        return date.map(DAY::format).orElse("");
    }
}
