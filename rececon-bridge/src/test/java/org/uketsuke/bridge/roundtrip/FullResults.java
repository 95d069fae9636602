package org.uketsuke.bridge.roundtrip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.uketsuke.bridge.csv.Csv;
import org.uketsuke.bridge.csv.CsvExportSink;
import org.uketsuke.eligibility.CheckDigit;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentKind;
import org.uketsuke.eligibility.ConsentRecord;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.ElderlyRecipient;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuredCardClassification;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.LimitCategory;
import org.uketsuke.eligibility.LimitCertificate;
import org.uketsuke.eligibility.MedicalSubsidies;
import org.uketsuke.eligibility.MedicalSubsidy;
import org.uketsuke.eligibility.MedicalTicket;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.PublicExpense;
import org.uketsuke.eligibility.PublicExpensePayerNumber;
import org.uketsuke.eligibility.PublicExpenseRecipientNumber;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.QualificationDetails;
import org.uketsuke.eligibility.ReferenceNumber;
import org.uketsuke.eligibility.ResultParticulars;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.SpecificDisease;
import org.uketsuke.eligibility.SpecificDiseaseCertificate;
import org.uketsuke.eligibility.SubsidyCopay;
import org.uketsuke.eligibility.SubsidyKind;
import org.uketsuke.eligibility.wire.CharacterCode;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * The round-trip tests' shared parts: a seeded generator of results with every optional block present, and the
 * readers and assertions of what reached the face folder, a レセコン store (SQLite or PostgreSQL) and the CSV files.
 */
final class FullResults {

    static final String INSTITUTION = "1311234567";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
    private static final String[] WORDS = {"受付", "花子", "髙﨑", "ｳｹﾂｹ", "A&B", "<x>", "太郎", "東京都", "一丁目", "〒"};

    private FullResults() {}

    /** The face folder's files by the ArbitraryFileIdentifier they carry. */
    static Map<String, byte[]> faceFilesByKey(Path face) throws Exception {
        Map<String, byte[]> byKey = new HashMap<>();
        try (Stream<Path> files = Files.list(face)) {
            for (Path file : files.toList()) {
                byte[] bytes = Files.readAllBytes(file);
                byKey.put(parse(bytes).arbitraryFileIdentifier(), bytes);
            }
        }
        return byKey;
    }

    static ResultMessage parse(byte[] bytes) throws MalformedMessageException {
        return QualificationXml.parseResult(bytes);
    }

    /** The qualification rows of a レセコン store (SQLite or PostgreSQL) by idempotency key. */
    static Map<String, Map<String, String>> storeRows(Connection store) throws SQLException {
        return query(store, "select * from qualification", "idempotency_key");
    }

    private static Map<String, Map<String, String>> query(Connection store, String sql, String keyColumn)
            throws SQLException {
        Map<String, Map<String, String>> rows = new HashMap<>();
        try (Statement s = store.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, String> row = new HashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnName(i), rs.getString(i));
                }
                rows.put(row.get(keyColumn), row);
            }
        }
        return rows;
    }

    /** The rows of the daily CSV files (UTF-8) by their first column, the idempotency key. */
    static Map<String, Map<String, String>> csvRows(Path csvDir) throws Exception {
        Map<String, Map<String, String>> rows = new HashMap<>();
        try (Stream<Path> files = Files.list(csvDir)) {
            for (Path file : files.toList()) {
                List<List<String>> table = Csv.parse(Files.readString(file, StandardCharsets.UTF_8)).stream()
                        .map(Csv.Record::fields)
                        .toList();
                List<String> header = table.getFirst();
                assertThat(header).isEqualTo(CsvExportSink.headers());
                for (List<String> line : table.subList(1, table.size())) {
                    Map<String, String> row = new HashMap<>();
                    for (int i = 0; i < header.size(); i++) {
                        row.put(header.get(i), line.get(i));
                    }
                    rows.put(line.getFirst(), row);
                }
            }
        }
        return rows;
    }

    static void assertStore(Map<String, String> row, ResultMessage m, Qualification q) {
        ResultParticulars p = q.particulars();
        QualificationDetails d = q.details();
        assertThat(row).as("store row").isNotNull();
        assertThat(row)
                .containsEntry("card_classification", p.cardClassification().code())
                .containsEntry("insured_name", p.insuredName())
                .containsEntry("name_of_other", p.nameOfOther())
                .containsEntry("name_of_other_kana", p.nameOfOtherKana())
                .containsEntry("sex2", p.sex2())
                .containsEntry("address", p.address())
                .containsEntry("post_number", p.postNumber())
                .containsEntry("disqualification_date", iso(p.disqualificationDate()))
                .containsEntry("reason_of_loss", p.reasonOfLoss())
                .containsEntry("certificate_issuance_date", iso(p.certificateIssuanceDate()))
                .containsEntry("card_valid_date", iso(p.cardValidDate()))
                .containsEntry("card_expiration_date", iso(p.cardExpirationDate()))
                .containsEntry("preschool_classification", p.preschoolClassification())
                .containsEntry("prescription_issue_select", m.prescriptionIssueSelect())
                .containsEntry(
                        "elderly_certificate_date",
                        iso(d.elderly().orElseThrow().certificateDate()))
                .containsEntry(
                        "elderly_valid_start", iso(d.elderly().orElseThrow().validStart()))
                .containsEntry(
                        "elderly_valid_end", iso(d.elderly().orElseThrow().validEnd()))
                .containsEntry(
                        "elderly_ratio", d.elderly().orElseThrow().ratio().wire())
                .containsEntry(
                        "limit_certificate_date", iso(d.limit().orElseThrow().certificateDate()))
                .containsEntry(
                        "limit_long_term_date", iso(d.limit().orElseThrow().longTermDate()))
                .containsEntry("limit_valid_start", iso(d.limit().orElseThrow().validStart()))
                .containsEntry("limit_valid_end", iso(d.limit().orElseThrow().validEnd()))
                .containsEntry("limit_classification", d.limit().orElseThrow().classification())
                .containsEntry(
                        "limit_category", d.limit().orElseThrow().category().name())
                .containsEntry(
                        "reference_number", q.referenceNumber().orElseThrow().value())
                .containsEntry("insurer_number", q.card().insurer().value())
                .containsEntry("symbol", q.card().symbol())
                .containsEntry("number", q.card().number())
                .containsEntry("branch", q.card().branch())
                .containsEntry("name", q.name())
                .containsEntry("name_kana", q.nameKana())
                .containsEntry("insurer_name", q.insurerName())
                .containsEntry("qualification_date", iso(q.qualificationDate()));
    }

    /** The child rows of one confirmation: consents, 医療券, 特定疾病 and 公費, each field. */
    static void assertChildren(Connection store, String key, Qualification q) throws SQLException {
        ResultParticulars p = q.particulars();
        Map<String, Map<String, String>> consents =
                query(store, "select * from consent where idempotency_key = '" + key + "'", "kind");
        for (ConsentRecord r : p.consents()) {
            assertThat(consents.get(r.kind().name()))
                    .containsEntry("flag", r.flag().code())
                    .containsEntry("consent_time", r.consentTime())
                    .containsEntry("expiry", r.expiry());
        }
        assertThat(consents).hasSize(p.consents().size());
        Map<String, Map<String, String>> tickets =
                query(store, "select * from medical_ticket where idempotency_key = '" + key + "'", "seq");
        for (int i = 0; i < p.medicalTickets().size(); i++) {
            MedicalTicket t = p.medicalTickets().get(i);
            assertThat(tickets.get(Integer.toString(i + 1)))
                    .containsEntry("ticket_kind", t.ticketKind())
                    .containsEntry("payer_number", t.payer().value())
                    .containsEntry("recipient_number", t.recipient().value())
                    .containsEntry("valid_start", iso(t.validStart()))
                    .containsEntry("valid_end", iso(t.validEnd()));
        }
        Map<String, Map<String, String>> subsidies =
                query(store, "select * from medical_subsidy where idempotency_key = '" + key + "'", "seq");
        for (int i = 0; i < p.subsidies().subsidies().size(); i++) {
            MedicalSubsidy s = p.subsidies().subsidies().get(i);
            assertThat(subsidies.get(Integer.toString(i + 1)))
                    .containsEntry("kind", s.kind().code())
                    .containsEntry("payer_number", s.payer().value())
                    .containsEntry("payer_checked", s.payer().checked() ? "1" : "0")
                    .containsEntry(
                            "recipient_number",
                            s.recipient() == null ? null : s.recipient().value())
                    .containsEntry("municipality", s.municipality())
                    .containsEntry("valid_start", iso(s.validStart()))
                    .containsEntry("valid_end", iso(s.validEnd()));
        }
        assertThat(subsidies).hasSize(p.subsidies().subsidies().size());
        Map<String, Map<String, String>> diseases =
                query(store, "select * from specific_disease where idempotency_key = '" + key + "'", "seq");
        for (int i = 0; i < q.details().specificDiseases().size(); i++) {
            SpecificDiseaseCertificate c = q.details().specificDiseases().get(i);
            assertThat(diseases.get(Integer.toString(i + 1)))
                    .containsEntry("disease_code", c.disease().code())
                    .containsEntry("certificate_date", iso(c.certificateDate()))
                    .containsEntry("valid_start", iso(c.validStart()))
                    .containsEntry("valid_end", iso(c.validEnd()))
                    .containsEntry("self_pay_yen", Integer.toString(c.selfPayYen()));
        }
        Map<String, Map<String, String>> expenses =
                query(store, "select * from public_expense where idempotency_key = '" + key + "'", "seq");
        for (int i = 0; i < q.details().publicExpenses().size(); i++) {
            PublicExpense x = q.details().publicExpenses().get(i);
            assertThat(expenses.get(Integer.toString(i + 1)))
                    .containsEntry("payer_number", x.payer().value())
                    .containsEntry("recipient_number", x.recipient().value())
                    .containsEntry("valid_start", iso(x.validStart()))
                    .containsEntry("valid_end", iso(x.validEnd()));
        }
    }

    static void assertCsv(Map<String, String> row, ResultMessage m, Qualification q) {
        ResultParticulars p = q.particulars();
        QualificationDetails d = q.details();
        assertThat(row).as("CSV row").isNotNull();
        assertThat(row)
                .containsEntry("被保険者証区分", p.cardClassification().code())
                .containsEntry("世帯主氏名", p.insuredName())
                .containsEntry("別名", p.nameOfOther())
                .containsEntry("別名カナ", p.nameOfOtherKana())
                .containsEntry("性別2", p.sex2())
                .containsEntry("住所", p.address())
                .containsEntry("郵便番号", p.postNumber())
                .containsEntry("資格喪失年月日", day(p.disqualificationDate()))
                .containsEntry("資格喪失事由", p.reasonOfLoss())
                .containsEntry("交付年月日", day(p.certificateIssuanceDate()))
                .containsEntry("有効開始年月日", day(p.cardValidDate()))
                .containsEntry("有効終了年月日", day(p.cardExpirationDate()))
                .containsEntry("未就学区分", p.preschoolClassification())
                .containsEntry("処方箋発行形態", m.prescriptionIssueSelect())
                .containsEntry("高齢受給者証交付年月日", day(d.elderly().orElseThrow().certificateDate()))
                .containsEntry("限度額交付年月日", day(d.limit().orElseThrow().certificateDate()))
                .containsEntry("限度額長期入院該当年月日", day(d.limit().orElseThrow().longTermDate()))
                .containsEntry("照会番号", q.referenceNumber().orElseThrow().value())
                .containsEntry("氏名", q.name());
        assertThat(row.get("特定疾病詳細"))
                .contains(day(d.specificDiseases().getFirst().certificateDate()));
        assertThat(row.get("医療扶助"))
                .contains(p.medicalTickets().getFirst().payer().value());
        assertThat(row.get("医療費助成状況"))
                .isEqualTo(
                        p.subsidies().status() == MedicalSubsidies.Status.NOT_ASKED
                                ? ""
                                : p.subsidies().status().code());
        assertThat(row.get("医療費助成").isEmpty())
                .isEqualTo(p.subsidies().subsidies().isEmpty());
        p.subsidies()
                .subsidies()
                .forEach(s -> assertThat(row.get("医療費助成"))
                        .contains(s.kind().code() + ":" + s.payer().value() + ":"));
        assertThat(row.get("薬剤情報同意"))
                .isEqualTo(p.consent(ConsentKind.PHARMACEUTICAL)
                        .orElseThrow()
                        .flag()
                        .code());
        assertThat(row.get("電子カルテ情報閲覧期限"))
                .isEqualTo(p.consent(ConsentKind.CLINICAL_SIX).orElseThrow().expiry());
        assertThat(row.get("限度額情報同意日時"))
                .isEqualTo(
                        p.consent(ConsentKind.LIMIT_APPLICATION).orElseThrow().consentTime());
    }

    private static String iso(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static String day(LocalDate date) {
        return DAY.format(date);
    }

    /** A confirmed result for this key with one such qualification, a notice for some, a prescription-form choice. */
    static ResultMessage result(SplittableRandom r, String key, CharacterCode code) {
        Qualification q = qualification(r);
        return ResultMessage.confirmed(time(r), INSTITUTION, key, q, r.nextBoolean() ? word(r) : null)
                .withPrescriptionIssueSelect(r.nextBoolean() ? "1" : "2")
                .withCharacterCode(code);
    }

    /**
     * A qualification with every optional block: 高齢受給者, 限度額, 特定疾病, two 公費, a 照会番号, and every particular
     * (consents of every kind, a 医療券, loss, address, card dates). It began in the past, so a backend confirms it.
     */
    static Qualification qualification(SplittableRandom r) {
        LocalDate birth = date(r);
        return new Qualification(
                new InsuranceCardId(
                        InsurerNumber.of(checked(r, r.nextBoolean() ? 7 : 5)), word(r), digits(r, 8), digits(r, 2)),
                word(r),
                word(r) + "　" + word(r),
                "ｳｹﾂｹ " + word(r),
                birth,
                r.nextBoolean() ? Sex.FEMALE : Sex.MALE,
                r.nextBoolean() ? PersonalFamily.INSURED : PersonalFamily.DEPENDANT,
                new ContributionRatio(10 * r.nextInt(1, 4)),
                LocalDate.of(1990, 1, 1).plusDays(r.nextInt(0, 12_000)),
                new QualificationDetails(
                        Optional.of(new ElderlyRecipient(date(r), date(r), date(r), new ContributionRatio(20))),
                        Optional.of(new LimitCertificate(
                                "0" + r.nextInt(1, 4),
                                LimitCategory.values()[r.nextInt(LimitCategory.values().length)],
                                date(r),
                                date(r),
                                date(r),
                                date(r))),
                        List.of(new SpecificDiseaseCertificate(
                                SpecificDisease.values()[r.nextInt(SpecificDisease.values().length)],
                                date(r),
                                date(r),
                                date(r),
                                r.nextInt(0, 20_001))),
                        List.of(
                                new PublicExpense(
                                        PublicExpensePayerNumber.of(checked(r, 7)),
                                        PublicExpenseRecipientNumber.of(checked(r, 6)),
                                        date(r),
                                        date(r)),
                                new PublicExpense(
                                        PublicExpensePayerNumber.of(checked(r, 7)),
                                        PublicExpenseRecipientNumber.of(checked(r, 6)),
                                        date(r),
                                        date(r)))),
                Optional.of(new ReferenceNumber("K" + digits(r, 6))),
                particulars(r));
    }

    private static ResultParticulars particulars(SplittableRandom r) {
        List<ConsentRecord> consents = new ArrayList<>();
        for (ConsentKind kind : ConsentKind.values()) {
            consents.add(new ConsentRecord(
                    kind,
                    Consent.values()[r.nextInt(Consent.values().length)],
                    time(r),
                    kind.expiring() ? time(r) : null));
        }
        List<String> kinds = InsuredCardClassification.KNOWN;
        return new ResultParticulars(
                new InsuredCardClassification(kinds.get(r.nextInt(kinds.size()))),
                word(r) + "　" + word(r),
                word(r),
                "ﾍﾞﾂﾒｲ " + word(r),
                Integer.toString(r.nextInt(1, 4)),
                "東京都" + word(r) + r.nextInt(1, 99) + "番",
                digits(r, 3) + "-" + digits(r, 4),
                date(r),
                date(r),
                date(r),
                date(r),
                "1",
                List.of("01", "02", "03", "99").get(r.nextInt(4)),
                consents,
                List.of(new MedicalTicket(
                        r.nextBoolean() ? "1" : "2",
                        PublicExpensePayerNumber.of(checked(r, 7)),
                        PublicExpenseRecipientNumber.of(checked(r, 6)),
                        date(r),
                        date(r))),
                subsidies(r));
    }

    /** The PMH answer: each status; a provided one with one or two 受給者証, one of a local programme's numbers. */
    private static MedicalSubsidies subsidies(SplittableRandom r) {
        MedicalSubsidies.Status status =
                MedicalSubsidies.Status.values()[r.nextInt(MedicalSubsidies.Status.values().length)];
        return status == MedicalSubsidies.Status.PROVIDED ? providedSubsidies(r) : MedicalSubsidies.of(status);
    }

    /** PMH's answer with one or two 受給者証, the second with a local programme's number that fails the check digit. */
    static MedicalSubsidies providedSubsidies(SplittableRandom r) {
        List<MedicalSubsidy> held = new ArrayList<>();
        for (int i = 0, n = r.nextInt(1, 3); i < n; i++) {
            LocalDate start = date(r);
            held.add(new MedicalSubsidy(
                    SubsidyKind.values()[r.nextInt(SubsidyKind.values().length)],
                    i == 0
                            ? PublicExpensePayerNumber.of(checked(r, 7))
                            : PublicExpensePayerNumber.unchecked(brokenCheck(r)),
                    r.nextBoolean() ? PublicExpenseRecipientNumber.of(checked(r, 6)) : null,
                    r.nextBoolean() ? word(r) + "市" : null,
                    start,
                    r.nextBoolean() ? start.plusYears(1) : null,
                    new SubsidyCopay(r.nextBoolean() ? r.nextInt(0, 1000) : null, r.nextBoolean() ? 5000 : null)));
        }
        return MedicalSubsidies.provided(held);
    }

    /** A local programme's 負担者番号 whose last digit is not the check digit. */
    private static String brokenCheck(SplittableRandom r) {
        String body = digits(r, 7);
        return body + (CheckDigit.of(body) + 1) % 10;
    }

    private static String word(SplittableRandom r) {
        return WORDS[r.nextInt(WORDS.length)] + r.nextInt(100);
    }

    private static LocalDate date(SplittableRandom r) {
        return LocalDate.of(1930, 1, 1).plusDays(r.nextInt(0, 60_000));
    }

    private static String time(SplittableRandom r) {
        return DAY.format(LocalDate.of(2026, 1, 1).plusDays(r.nextInt(0, 700)))
                + String.format("%02d%02d%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60));
    }

    private static String digits(SplittableRandom r, int length) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append(r.nextInt(10));
        }
        return out.toString();
    }

    private static String checked(SplittableRandom r, int body) {
        String digits = digits(r, body);
        return digits + CheckDigit.of(digits);
    }
}
