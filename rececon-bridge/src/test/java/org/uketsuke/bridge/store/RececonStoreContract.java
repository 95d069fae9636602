package org.uketsuke.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.uketsuke.bridge.Confirmation;
import org.uketsuke.bridge.Fixtures;
import org.uketsuke.bridge.sink.DeliveryId;
import org.uketsuke.bridge.sink.OutboxEntry;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentKind;
import org.uketsuke.eligibility.ConsentRecord;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuredCardClassification;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.MedicalSubsidies;
import org.uketsuke.eligibility.MedicalSubsidy;
import org.uketsuke.eligibility.MedicalTicket;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.PublicExpensePayerNumber;
import org.uketsuke.eligibility.PublicExpenseRecipientNumber;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.ResultParticulars;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.SubsidyCopay;
import org.uketsuke.eligibility.SubsidyKind;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;

/** What every レセコン database store does, run against a real SQLite file and a real PostgreSQL server. */
abstract class RececonStoreContract {

    static final Instant NINE = Instant.parse("2026-12-03T00:00:00Z");

    /** A store on a fresh, empty database. */
    abstract JdbcRececonStore newStore() throws Exception;

    /** A second connection to the same database, for looking at what the store wrote. */
    abstract Connection look() throws Exception;

    /** The database's own plan for a query, one step a line (EXPLAIN QUERY PLAN / EXPLAIN with sequential scans off). */
    abstract List<String> plan(String query) throws Exception;

    /** The lookups a visit or the console makes find their rows through an index, however long the history grows. */
    @Test
    void theHotQueriesSearchAnIndexAndScanNoTable() throws Exception {
        try (JdbcRececonStore store = newStore()) {
            for (int i = 0; i < 40; i++) {
                store.deliver(
                        entry(i + 1, Fixtures.confirmation("p" + i, NINE.plusSeconds(i), Fixtures.qualification(i))));
            }
        }
        for (String query : List.of(
                JdbcRececonStore.INSURANCES_OF.replace("?", "'1980-01-01'"),
                "select confirmed_at from qualification where idempotency_key = 'p1'",
                "select seq from public_expense where idempotency_key = 'p1'")) {
            assertThat(plan(query))
                    .as(query)
                    .isNotEmpty()
                    .noneMatch(step -> step.contains("Seq Scan") || step.strip().startsWith("SCAN"))
                    .anyMatch(step -> step.toLowerCase(Locale.ROOT).contains("index"));
        }
    }

    static OutboxEntry entry(long id, Confirmation confirmation) {
        ResultMessage message = ResultMessage.confirmed(
                confirmation.result().processingTime(),
                Fixtures.INSTITUTION,
                confirmation.idempotencyKey(),
                confirmation.result().qualification(),
                confirmation.result().notice());
        return new OutboxEntry(
                new DeliveryId(id),
                confirmation.idempotencyKey(),
                confirmation.confirmedAt(),
                confirmation.method(),
                QualificationXml.write(message));
    }

    @Test
    void aConfirmationWithEveryBlockLandsInTheDocumentedTables() throws Exception {
        try (JdbcRececonStore store = newStore()) {
            store.deliver(entry(1, Fixtures.confirmation("rich-1", NINE, Fixtures.rich(1))));
        }
        assertThat(rows("select insurer_number, symbol, number, branch, name, elderly_ratio, limit_category,"
                        + " limit_classification, method, reference_classification from qualification"))
                .containsExactly(List.of("131045", "ア-12", "00451", "", "高齢　花子1", "020", "B04", "01", "FACE", "1"));
        assertThat(rows("select seq, payer_number, recipient_number from public_expense order by seq"))
                .containsExactly(List.of("1", "54016027", "1234566"), List.of("2", "54016027", "7654320"));
        assertThat(rows("select disease_code, self_pay_yen from specific_disease"))
                .containsExactly(List.of("1", "10000"));
        assertThat(rows("select insurer_number, number, contribution_ratio, elderly_ratio, last_idempotency_key,"
                        + " reference_number from insurance"))
                .containsExactly(List.of("131045", "00451", "020", "020", "rich-1", "K-0001"));
        assertThat(rows("select reference_number from qualification")).containsExactly(List.of("K-0001"));
        assertThat(rows("select max(version) from schema_history"))
                .containsExactly(List.of(Integer.toString(SchemaMigrations.latestVersion())));
    }

    @Test
    void thePmhAnswerOfSchema5LandsInItsColumnAndTable() throws Exception {
        LocalDate april = LocalDate.of(2026, 4, 1);
        MedicalSubsidies provided = MedicalSubsidies.provided(List.of(
                new MedicalSubsidy(
                        SubsidyKind.CHILD,
                        PublicExpensePayerNumber.of("88138243"),
                        PublicExpenseRecipientNumber.of("1234566"),
                        "八王子市",
                        april,
                        april.plusYears(1).minusDays(1),
                        SubsidyCopay.NONE),
                new MedicalSubsidy(
                        SubsidyKind.DISABILITY,
                        PublicExpensePayerNumber.unchecked("80136240"),
                        null,
                        null,
                        april,
                        null,
                        new SubsidyCopay(500, null))));
        Qualification base = Fixtures.rich(5);
        try (JdbcRececonStore store = newStore()) {
            store.deliver(entry(
                    1,
                    Fixtures.confirmation(
                            "pmh", NINE, base.withParticulars(base.particulars().withSubsidies(provided)))));
            store.deliver(entry(
                    2,
                    Fixtures.confirmation(
                            "paper",
                            NINE.plusSeconds(60),
                            base.withParticulars(base.particulars()
                                    .withSubsidies(MedicalSubsidies.of(
                                            MedicalSubsidies.Status.MUNICIPALITY_NOT_CONNECTED))))));
        }
        assertThat(rows("select idempotency_key, medical_subsidy_status from qualification order by idempotency_key"))
                .containsExactly(List.of("paper", "3"), List.of("pmh", "1"));
        assertThat(rows("select seq, kind, payer_number, payer_checked, recipient_number, municipality,"
                        + " self_pay_per_visit from medical_subsidy order by seq"))
                .containsExactly(
                        List.of("1", "01", "88138243", "1", "1234566", "八王子市", "null"),
                        List.of("2", "03", "80136240", "0", "null", "null", "500"));
        assertThat(count("medical_subsidy where valid_start is not null")).isEqualTo(2);
    }

    @Test
    void theElementsOfSchema3LandInTheirColumnsAndTables() throws Exception {
        LocalDate day = LocalDate.of(2026, 8, 1);
        Qualification q = Fixtures.rich(3)
                .withParticulars(new ResultParticulars(
                        new InsuredCardClassification("A1"),
                        "高齢　一郎",
                        "高齢　はな",
                        "ｺｳﾚｲ ﾊﾅ",
                        "2",
                        "東京都受付区受付町1丁目",
                        "100-0001",
                        day.plusYears(1),
                        day,
                        day,
                        day.plusYears(1).minusDays(1),
                        "1",
                        "03",
                        List.of(
                                new ConsentRecord(
                                        ConsentKind.PHARMACEUTICAL, Consent.YES, "20261203090000", "20261204090000"),
                                new ConsentRecord(ConsentKind.CLINICAL_SIX, Consent.NO, "20261203090000", null)),
                        List.of(new MedicalTicket(
                                "1",
                                PublicExpensePayerNumber.of("12130019"),
                                PublicExpenseRecipientNumber.of("3000015"),
                                day,
                                day.plusMonths(1)))));
        try (JdbcRececonStore store = newStore()) {
            store.deliver(entry(1, Fixtures.confirmation("p-1", NINE, q)));
        }
        assertThat(rows("select card_classification, insured_name, name_of_other, sex2, address, post_number,"
                        + " reason_of_loss, preschool_classification from qualification"))
                .containsExactly(List.of("A1", "高齢　一郎", "高齢　はな", "2", "東京都受付区受付町1丁目", "100-0001", "03", "1"));
        assertThat(count("qualification where disqualification_date is not null and card_valid_date is not null"
                        + " and card_expiration_date is not null and elderly_certificate_date is not null"))
                .isEqualTo(1);
        assertThat(rows("select kind, flag, consent_time, expiry from consent order by kind"))
                .containsExactly(
                        List.of("CLINICAL_SIX", "0", "20261203090000", "null"),
                        List.of("PHARMACEUTICAL", "1", "20261203090000", "20261204090000"));
        assertThat(rows("select seq, ticket_kind, payer_number, recipient_number from medical_ticket"))
                .containsExactly(List.of("1", "1", "12130019", "3000015"));
    }

    @Test
    void aRedeliveryChangesNothing() throws Exception {
        OutboxEntry entry = entry(1, Fixtures.confirmation("again", NINE, Fixtures.rich(2)));
        try (JdbcRececonStore store = newStore()) {
            store.deliver(entry);
            store.deliver(entry);
        }
        try (JdbcRececonStore reopened = newStoreOnSameDatabase()) {
            reopened.deliver(entry);
        }
        assertThat(count("qualification")).isEqualTo(1);
        assertThat(count("public_expense")).isEqualTo(2);
        assertThat(count("specific_disease")).isEqualTo(1);
        assertThat(count("insurance")).isEqualTo(1);
    }

    @Test
    void theInsuranceRowFollowsTheNewestConfirmationWhateverTheDeliveryOrder() throws Exception {
        var older = Fixtures.confirmation("older", NINE, Fixtures.qualification(1));
        var newerQualification = new Qualification(
                Fixtures.qualification(1).card(),
                "全国健康保険協会東京支部",
                "受付　太郎1",
                "ｳｹﾂｹ ﾀﾛｳ",
                Fixtures.qualification(1).birthdate(),
                Sex.MALE,
                PersonalFamily.INSURED,
                new ContributionRatio(20),
                LocalDate.of(2020, 4, 1));
        var newer = Fixtures.confirmation("newer", NINE.plusSeconds(3600), newerQualification);
        try (JdbcRececonStore store = newStore()) {
            store.deliver(entry(2, newer));
            store.deliver(entry(1, older)); // the outbox of another terminal was late
        }
        assertThat(count("qualification")).isEqualTo(2);
        assertThat(rows("select contribution_ratio, last_idempotency_key from insurance"))
                .containsExactly(List.of("020", "newer"));
    }

    @Test
    void familyMembersWithoutBranchNumbersStayApartByBirthDate() throws Exception {
        var father = Fixtures.qualification(1);
        var child = new Qualification(
                father.card(),
                father.insurerName(),
                "受付　一郎",
                "ｳｹﾂｹ ｲﾁﾛｳ",
                LocalDate.of(2010, 5, 5),
                Sex.MALE,
                PersonalFamily.DEPENDANT,
                new ContributionRatio(30),
                LocalDate.of(2010, 5, 5));
        try (JdbcRececonStore store = newStore()) {
            store.deliver(entry(1, Fixtures.confirmation("father", NINE, father)));
            store.deliver(entry(2, Fixtures.confirmation("child", NINE, child)));
        }
        assertThat(count("insurance")).isEqualTo(2);
    }

    @Test
    void aStoreWhoseAppliedMigrationWasEditedIsRefused() throws Exception {
        try (JdbcRececonStore store = newStore()) {
            store.deliver(entry(1, Fixtures.confirmation("k", NINE, Fixtures.qualification(1))));
        }
        try (Connection c = look();
                Statement s = c.createStatement()) {
            s.executeUpdate("update schema_history set checksum = 'edited' where version = 1");
        }
        assertThatThrownBy(this::newStoreOnSameDatabaseAndUseIt).hasStackTraceContaining("checksum mismatch");
    }

    @Test
    void aStoreNewerThanThisBuildIsRefused() throws Exception {
        try (JdbcRececonStore store = newStore()) {
            store.deliver(entry(1, Fixtures.confirmation("k", NINE, Fixtures.qualification(1))));
        }
        try (Connection c = look();
                Statement s = c.createStatement()) {
            s.executeUpdate("insert into schema_history values (99, 'future', 'x', '2030-01-01')");
        }
        assertThatThrownBy(this::newStoreOnSameDatabaseAndUseIt).hasStackTraceContaining("newer than this program");
    }

    @Test
    void thePatientsInsurancesAreFoundByBirthDateAndKanaAndAnOldOneCanBeRetired() throws Exception {
        var base = Fixtures.qualification(1);
        var switched = new Qualification(
                new InsuranceCardId(InsurerNumber.of("131045"), "ア", "777", ""),
                "新しい保険者",
                base.name(),
                base.nameKana(),
                base.birthdate(),
                base.sex(),
                base.personalFamily(),
                new ContributionRatio(30),
                LocalDate.of(2026, 11, 1));
        try (JdbcRececonStore store = newStore()) {
            store.deliver(entry(1, Fixtures.confirmation("old-job", NINE, base)));
            store.deliver(entry(2, Fixtures.confirmation("new-job", NINE.plusSeconds(86_400), switched)));
            store.deliver(entry(3, Fixtures.confirmation("someone-else", NINE, Fixtures.qualification(2))));
            var found = store.insurancesOf(base.birthdate(), "ｳｹﾂｹﾀﾛｳ");
            assertThat(found)
                    .extracting(JdbcRececonStore.StoredInsurance::lastIdempotencyKey)
                    .containsExactly("new-job", "old-job");
            assertThat(store.retire(found.get(1))).isTrue();
            assertThat(store.insurancesOf(base.birthdate(), base.nameKana()))
                    .singleElement()
                    .satisfies(i -> assertThat(i.number()).isEqualTo("777"));
            store.deliver(
                    entry(4, Fixtures.confirmation("later", NINE.plusSeconds(90_000), Fixtures.qualification(3))));
        }
        assertThat(count("qualification"))
                .as("the history keeps every confirmation")
                .isEqualTo(4);
    }

    /** Another store (another terminal, or this one restarted) on the database of the last {@link #newStore()}. */
    abstract JdbcRececonStore newStoreOnSameDatabase() throws Exception;

    private void newStoreOnSameDatabaseAndUseIt() throws Exception {
        try (JdbcRececonStore store = newStoreOnSameDatabase()) {
            store.deliver(entry(2, Fixtures.confirmation("k2", NINE, Fixtures.qualification(2))));
        }
    }

    long count(String table) throws Exception {
        return Long.parseLong(rows("select count(*) from " + table).getFirst().getFirst());
    }

    List<List<String>> rows(String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = look();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getString(i) == null ? "null" : rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
