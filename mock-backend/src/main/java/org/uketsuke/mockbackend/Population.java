package org.uketsuke.mockbackend;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.uketsuke.eligibility.CheckDigit;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.ElderlyRecipient;
import org.uketsuke.eligibility.LimitCategory;
import org.uketsuke.eligibility.LimitCertificate;
import org.uketsuke.eligibility.PublicExpense;
import org.uketsuke.eligibility.PublicExpensePayerNumber;
import org.uketsuke.eligibility.PublicExpenseRecipientNumber;
import org.uketsuke.eligibility.QualificationDetails;
import org.uketsuke.eligibility.SpecificDisease;
import org.uketsuke.eligibility.SpecificDiseaseCertificate;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.Sex;

/**
 * The insured people the mock backend knows, in SQLite ({@code population.db}): generated once from a seed
 * (same seed, same people), with insurer numbers of several 法別番号 that pass the check digit, 記号/番号/枝番,
 * 本人/家族, and 負担割合 by age; some changed insurance (the ended one is kept, see {@link #switched}) and some start
 * in the future ({@link #futureStart}). Cards issued to them are linked by certificate serial, as 保険証利用登録 does.
 */
final class Population implements AutoCloseable {

    /** Same reference date for everyone so the generated ages (and ratios) do not drift from run to run. */
    static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 4, 1);

    private static final String[][] FAMILY = {
        {"佐藤", "ｻﾄｳ"}, {"鈴木", "ｽｽﾞｷ"}, {"高橋", "ﾀｶﾊｼ"}, {"田中", "ﾀﾅｶ"}, {"伊藤", "ｲﾄｳ"},
        {"渡辺", "ﾜﾀﾅﾍﾞ"}, {"山本", "ﾔﾏﾓﾄ"}, {"中村", "ﾅｶﾑﾗ"}, {"小林", "ｺﾊﾞﾔｼ"}, {"加藤", "ｶﾄｳ"},
        {"吉田", "ﾖｼﾀﾞ"}, {"山田", "ﾔﾏﾀﾞ"}, {"松本", "ﾏﾂﾓﾄ"}, {"井上", "ｲﾉｳｴ"}, {"木村", "ｷﾑﾗ"}
    };
    private static final String[][] GIVEN_FEMALE = {
        {"花子", "ﾊﾅｺ"}, {"陽子", "ﾖｳｺ"}, {"美咲", "ﾐｻｷ"}, {"結衣", "ﾕｲ"}, {"恵子", "ｹｲｺ"}, {"さくら", "ｻｸﾗ"}
    };
    private static final String[][] GIVEN_MALE = {
        {"太郎", "ﾀﾛｳ"}, {"健一", "ｹﾝｲﾁ"}, {"翔太", "ｼｮｳﾀ"}, {"大輔", "ﾀﾞｲｽｹ"}, {"誠", "ﾏｺﾄ"}, {"蓮", "ﾚﾝ"}
    };

    private final Connection db;

    private Population(Connection db) {
        this.db = db;
    }

    static Population open(Path file, long seed, int people) {
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("pragma journal_mode=WAL");
                s.execute("create table if not exists person (id integer primary key, insurer_number text not null,"
                        + " insurer_name text not null, symbol text not null, number text not null, branch text not null,"
                        + " name text not null, name_kana text not null, birthdate text not null, sex text not null,"
                        + " personal_family text not null, ratio integer not null, qualification_date text not null,"
                        + " lost integer not null default 0)");
                s.execute("create table if not exists card (serial text primary key, person_id integer,"
                        + " kind text not null, cert blob not null, auth_key blob not null, pin text not null,"
                        + " revoked integer not null default 0)");
                s.execute("create index if not exists card_person on card(person_id, kind)");
                // The register of every certificate the test CAs issued: what the CRLs and the OCSP responder answer.
                s.execute("create table if not exists certificate (issuer text not null, serial text not null,"
                        + " revoked_at text, reason integer, primary key (issuer, serial))");
                // 資格の切替: the insurance a person had before the current one, ended the day before it started.
                s.execute("create table if not exists previous_insurance (person_id integer primary key,"
                        + " insurer_number text not null, insurer_name text not null, symbol text not null,"
                        + " number text not null, branch text not null, qualification_date text not null,"
                        + " disqualification_date text not null)");
                s.execute("create table if not exists insurance_use (serial text primary key, registered_at text not null)");
                s.execute("create table if not exists reference_number (institution text not null,"
                        + " person_id integer not null, reference text not null, primary key (institution, person_id))");
                int version;
                try (ResultSet rs = s.executeQuery("pragma user_version")) {
                    version = rs.next() ? rs.getInt(1) : 0;
                }
                if (version < 2) {
                    // State from before the register: every stored card counts as issued, revoked ones as revoked,
                    // and every card linked to a person as registered for insurance use.
                    s.execute("insert or ignore into certificate select 'jpki', serial, case revoked when 1 then"
                            + " '2026-01-01T00:00:00Z' end, case revoked when 1 then 1 end from card");
                    s.execute("insert or ignore into insurance_use select serial, '2026-01-01T00:00:00Z' from card"
                            + " where person_id is not null and kind <> 'unregistered'");
                    s.execute("pragma user_version = 2");
                }
            }
            Population population = new Population(db);
            population.generateIfEmpty(seed, people);
            return population;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the population database " + file, e);
        }
    }

    private void generateIfEmpty(long seed, int people) throws SQLException {
        try (ResultSet rs = db.createStatement().executeQuery("select count(*) from person")) {
            if (rs.next() && rs.getInt(1) > 0) {
                return;
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        db.setAutoCommit(false);
        try (PreparedStatement insert = db.prepareStatement("insert into person values (?,?,?,?,?,?,?,?,?,?,?,?,?,0)")) {
            for (int i = 0; i < people; i++) {
                Qualification q = generate(i, random);
                insert.setInt(1, i);
                insert.setString(2, q.card().insurer().value());
                insert.setString(3, q.insurerName());
                insert.setString(4, q.card().symbol());
                insert.setString(5, q.card().number());
                insert.setString(6, q.card().branch());
                insert.setString(7, q.name());
                insert.setString(8, q.nameKana());
                insert.setString(9, q.birthdate().toString());
                insert.setString(10, q.sex().code());
                insert.setString(11, q.personalFamily().code());
                insert.setInt(12, q.contributionRatio().percent());
                insert.setString(13, q.qualificationDate().toString());
                insert.addBatch();
            }
            insert.executeBatch();
            generateSwitchesAndFutureStarts(seed, people);
            db.commit();
        } finally {
            db.setAutoCommit(true);
        }
    }

    /** Every {@value #SWITCH_EVERY}th person (from {@value #SWITCH_FIRST}) changed insurance: two insurances, one ended. */
    static final int SWITCH_EVERY = 37;
    static final int SWITCH_FIRST = 53;
    /**
     * Every {@value #FUTURE_EVERY}th person (from {@value #FUTURE_FIRST}) has a qualification that starts in the future
     * (a new employee registered ahead): years after {@link #REFERENCE_DATE}, so it stays in the future for the life
     * of this test data.
     */
    static final int FUTURE_EVERY = 41;
    static final int FUTURE_FIRST = 61;

    static boolean switched(int id) {
        return id >= SWITCH_FIRST && (id - SWITCH_FIRST) % SWITCH_EVERY == 0;
    }

    static boolean futureStart(int id) {
        return id >= FUTURE_FIRST && (id - FUTURE_FIRST) % FUTURE_EVERY == 0 && !switched(id);
    }

    /**
     * The switches and future starts, drawn from their own random stream per person so that the other people are the
     * same as before these existed.
     */
    private void generateSwitchesAndFutureStarts(long seed, int people) throws SQLException {
        try (PreparedStatement previous = db.prepareStatement("insert into previous_insurance values (?,?,?,?,?,?,?,?)");
                PreparedStatement moveStart = db.prepareStatement("update person set qualification_date = ? where id = ?");
                PreparedStatement read = db.prepareStatement("select insurer_number, birthdate from person where id = ?")) {
            for (int id = 0; id < people; id++) {
                if (!switched(id) && !futureStart(id)) {
                    continue;
                }
                SplittableRandom random = new SplittableRandom(seed * 1_000_003L + id);
                read.setInt(1, id);
                String currentInsurer;
                LocalDate birth;
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                    currentInsurer = rs.getString(1);
                    birth = LocalDate.parse(rs.getString(2));
                }
                if (futureStart(id)) {
                    moveStart.setString(1, REFERENCE_DATE.plusYears(6).plusDays(random.nextInt(1, 365)).withDayOfMonth(1).toString());
                    moveStart.setInt(2, id);
                    moveStart.executeUpdate();
                    continue;
                }
                // The new insurance started on the first of a month; the old one ended the day before.
                LocalDate switchDay = REFERENCE_DATE.minusMonths(random.nextInt(1, 24)).withDayOfMonth(1);
                if (!switchDay.isAfter(birth)) {
                    switchDay = birth.plusMonths(1).withDayOfMonth(1);
                }
                LocalDate previousStart = switchDay.minusYears(random.nextInt(1, 10));
                if (previousStart.isBefore(birth)) {
                    previousStart = birth;
                }
                boolean fromKempo = !currentInsurer.startsWith("01");
                String insurer = fromKempo ? withCheck("0113001")
                        : withCheck(String.format("06%02d%03d", 13, random.nextInt(100, 999)));
                previous.setInt(1, id);
                previous.setString(2, insurer);
                previous.setString(3, fromKempo ? "全国健康保険協会東京支部" : "受付健康保険組合");
                previous.setString(4, fromKempo ? String.format("%08d", random.nextInt(1, 99_999_999))
                        : Integer.toString(random.nextInt(1, 9999)));
                previous.setString(5, Integer.toString(random.nextInt(1, 9_999_999)));
                previous.setString(6, "00");
                previous.setString(7, previousStart.toString());
                previous.setString(8, switchDay.minusDays(1).toString());
                previous.executeUpdate();
                moveStart.setString(1, switchDay.toString());
                moveStart.setInt(2, id);
                moveStart.executeUpdate();
            }
        }
    }

    /** An insurance a person had before: the card, its insurer's name, and when it began and ended. */
    record PreviousInsurance(int personId, InsuranceCardId card, String insurerName, LocalDate qualificationDate,
            LocalDate disqualificationDate) {}

    synchronized Optional<PreviousInsurance> previousInsurance(int personId) {
        try (PreparedStatement q = db.prepareStatement("select * from previous_insurance where person_id = ?")) {
            q.setInt(1, personId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(readPrevious(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The person who had this (now ended) insurance, with this birth date. */
    synchronized Optional<PreviousInsurance> findPrevious(InsuranceCardId card, LocalDate birthdate) {
        String sql = "select p.* from previous_insurance p join person on person.id = p.person_id"
                + " where p.insurer_number = ? and p.symbol = ? and p.number = ? and person.birthdate = ?"
                + (card.branch().isEmpty() ? "" : " and p.branch = ?");
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, card.insurer().value());
            q.setString(2, card.symbol());
            q.setString(3, card.number());
            q.setString(4, birthdate.toString());
            if (!card.branch().isEmpty()) {
                q.setString(5, card.branch());
            }
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(readPrevious(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreviousInsurance readPrevious(ResultSet rs) throws SQLException {
        return new PreviousInsurance(rs.getInt("person_id"),
                new InsuranceCardId(InsurerNumber.of(rs.getString("insurer_number")), rs.getString("symbol"),
                        rs.getString("number"), rs.getString("branch")),
                rs.getString("insurer_name"), LocalDate.parse(rs.getString("qualification_date")),
                LocalDate.parse(rs.getString("disqualification_date")));
    }

    /** One person: person 0 is always a working-age insured of 協会けんぽ (the demo patient). */
    private static Qualification generate(int index, SplittableRandom random) {
        Sex sex = random.nextBoolean() ? Sex.FEMALE : Sex.MALE;
        String[] family = FAMILY[random.nextInt(FAMILY.length)];
        String[][] givens = sex == Sex.FEMALE ? GIVEN_FEMALE : GIVEN_MALE;
        String[] given = givens[random.nextInt(givens.length)];
        int age = index == 0 ? 45 : random.nextInt(0, 96);
        LocalDate birth = REFERENCE_DATE.minusYears(age).minusDays(random.nextInt(1, 365));
        int realAge = Period.between(birth, REFERENCE_DATE).getYears();
        PersonalFamily pf = index == 0 || realAge >= 75 || random.nextInt(3) > 0
                ? PersonalFamily.INSURED : PersonalFamily.DEPENDANT;

        String insurer;
        String insurerName;
        String symbol;
        String number;
        int prefecture = 13;
        int kind = index == 0 ? 0 : realAge >= 75 ? 3 : random.nextInt(3);
        switch (kind) {
            case 0 -> { // 協会けんぽ
                insurer = withCheck(String.format("01%02d%03d", prefecture, 1));
                insurerName = "全国健康保険協会東京支部";
                symbol = String.format("%08d", random.nextInt(1, 99_999_999));
                number = Integer.toString(random.nextInt(1, 9_999_999));
            }
            case 1 -> { // 健保組合, or for every third of them 共済 (31–34): same draws, so the others stay as they were
                boolean mutualAid = index % 3 == 0;
                insurer = withCheck(String.format("%02d%02d%03d", mutualAid ? 31 + index % 4 : 6, prefecture,
                        random.nextInt(100, 999)));
                insurerName = mutualAid ? "受付共済組合" : "受付健康保険組合";
                symbol = Integer.toString(random.nextInt(1, 9999));
                number = Integer.toString(random.nextInt(1, 99_999));
            }
            case 2 -> { // 国保 (6 digits)
                insurer = withCheck(String.format("%02d%03d", prefecture, random.nextInt(100, 999)));
                insurerName = "受付区国民健康保険";
                symbol = "受付" + random.nextInt(1, 99);
                number = String.format("%06d", random.nextInt(1, 999_999));
            }
            default -> { // 後期高齢者医療: no 記号, 8-digit 番号
                insurer = withCheck(String.format("39%02d%03d", prefecture, random.nextInt(100, 999)));
                insurerName = "東京都後期高齢者医療広域連合";
                symbol = "";
                number = String.format("%08d", random.nextInt(1, 99_999_999));
            }
        }
        String branch = pf == PersonalFamily.INSURED ? "00" : String.format("%02d", random.nextInt(1, 5));
        int ratio;
        if (realAge < 6) {
            ratio = 20; // 未就学児
        } else if (realAge < 70) {
            ratio = 30;
        } else if (realAge < 75) {
            ratio = 20; // 高齢受給者 (一般)
        } else {
            ratio = random.nextInt(10) == 0 ? 30 : random.nextInt(5) == 0 ? 20 : 10; // 後期: 現役並み / 一定以上 / 一般
        }
        LocalDate qualified = REFERENCE_DATE.minusDays(random.nextInt(30, 3650));
        if (qualified.isBefore(birth)) {
            qualified = birth;
        }
        return new Qualification(
                new InsuranceCardId(InsurerNumber.of(insurer), symbol, number, branch),
                insurerName,
                family[0] + "　" + given[0],
                family[1] + " " + given[1],
                birth,
                sex,
                pf,
                new ContributionRatio(ratio),
                qualified);
    }

    private static String withCheck(String body) {
        return body + CheckDigit.of(body);
    }

    synchronized int size() {
        try (ResultSet rs = db.createStatement().executeQuery("select count(*) from person")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized Optional<Qualification> person(int id) {
        try (PreparedStatement q = db.prepareStatement("select * from person where id = ?")) {
            q.setInt(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The person with this insurance and birth date (記号/番号 compared normalised; 枝番 only when given). */
    /**
     * The person holding this insurance, without the birth date: the 連携アプリ's medical-information requests name
     * only the insurance (記号・番号・枝番), so the branch must match when given.
     */
    synchronized java.util.OptionalInt findByCard(InsuranceCardId card) {
        String sql = "select id from person where insurer_number = ? and symbol = ? and number = ?"
                + (card.branch().isEmpty() ? "" : " and branch = ?") + " order by id limit 2";
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, card.insurer().value());
            q.setString(2, card.symbol());
            q.setString(3, card.number());
            if (!card.branch().isEmpty()) {
                q.setString(4, card.branch());
            }
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return java.util.OptionalInt.empty();
                }
                int id = rs.getInt(1);
                // Two people on one 記号・番号 without a 枝番: ambiguous, so nobody (never the wrong person's data).
                return rs.next() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(id);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized java.util.OptionalInt find(InsuranceCardId card, LocalDate birthdate) {
        String sql = "select id from person where insurer_number = ? and symbol = ? and number = ? and birthdate = ?"
                + (card.branch().isEmpty() ? "" : " and branch = ?");
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setString(1, card.insurer().value());
            q.setString(2, card.symbol());
            q.setString(3, card.number());
            q.setString(4, birthdate.toString());
            if (!card.branch().isEmpty()) {
                q.setString(5, card.branch());
            }
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? java.util.OptionalInt.of(rs.getInt(1)) : java.util.OptionalInt.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Marks a person's qualification as ended (資格喪失). */
    synchronized void loseQualification(int id) {
        update("update person set lost = 1 where id = ?", id);
    }

    synchronized boolean lost(int id) {
        try (PreparedStatement q = db.prepareStatement("select lost from person where id = ?")) {
            q.setInt(1, id);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A stored card of a person and kind, if one was issued before. */
    synchronized Optional<StoredCard> card(Integer personId, String kind) {
        String sql = personId == null
                ? "select * from card where person_id is null and kind = ?"
                : "select * from card where person_id = ? and kind = ?";
        try (PreparedStatement q = db.prepareStatement(sql)) {
            int i = 1;
            if (personId != null) {
                q.setInt(i++, personId);
            }
            q.setString(i, kind);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(readCard(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized Optional<StoredCard> cardBySerial(String serial) {
        try (PreparedStatement q = db.prepareStatement("select * from card where serial = ?")) {
            q.setString(1, serial);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(readCard(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized void storeCard(StoredCard card) {
        try (PreparedStatement q = db.prepareStatement("insert into card values (?,?,?,?,?,?,?)")) {
            q.setString(1, card.serial());
            if (card.personId() == null) {
                q.setNull(2, java.sql.Types.INTEGER);
            } else {
                q.setInt(2, card.personId());
            }
            q.setString(3, card.kind());
            q.setBytes(4, card.certDer());
            q.setBytes(5, card.keyPkcs8());
            q.setString(6, card.pin());
            q.setInt(7, card.revoked() ? 1 : 0);
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts a certificate the test CAs issued into the register ({@code issuer}: {@code jpki} or {@code terminal}). */
    synchronized void registerCertificate(String issuer, String serial) {
        try (PreparedStatement q = db.prepareStatement("insert or ignore into certificate (issuer, serial) values (?, ?)")) {
            q.setString(1, issuer);
            q.setString(2, serial);
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Revokes a registered certificate; the first revocation's time and reason stay. */
    synchronized void revokeCertificate(String issuer, String serial, java.time.Instant at, int reason) {
        try (PreparedStatement q = db.prepareStatement(
                "update certificate set revoked_at = ?, reason = ? where issuer = ? and serial = ? and revoked_at is null");
                PreparedStatement card = db.prepareStatement("update card set revoked = 1 where serial = ?")) {
            q.setString(1, at.toString());
            q.setInt(2, reason);
            q.setString(3, issuer);
            q.setString(4, serial);
            q.executeUpdate();
            if (issuer.equals("jpki")) {
                card.setString(1, serial);
                card.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One register entry: revokedAt and reason are null while the certificate is good. */
    record CertificateEntry(String serial, java.time.Instant revokedAt, Integer reason) {
        boolean revoked() {
            return revokedAt != null;
        }
    }

    synchronized Optional<CertificateEntry> certificate(String issuer, String serial) {
        try (PreparedStatement q = db.prepareStatement("select * from certificate where issuer = ? and serial = ?")) {
            q.setString(1, issuer);
            q.setString(2, serial);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(readEntry(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized List<CertificateEntry> revokedCertificates(String issuer) {
        try (PreparedStatement q = db.prepareStatement(
                "select * from certificate where issuer = ? and revoked_at is not null order by serial")) {
            q.setString(1, issuer);
            List<CertificateEntry> entries = new java.util.ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    entries.add(readEntry(rs));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CertificateEntry readEntry(ResultSet rs) throws SQLException {
        String at = rs.getString("revoked_at");
        int reason = rs.getInt("reason");
        Integer reasonOrNull = rs.wasNull() ? null : reason;
        return new CertificateEntry(rs.getString("serial"), at == null ? null : java.time.Instant.parse(at), reasonOrNull);
    }

    /** 保険証利用登録: the card's certificate is linked to its holder's insurance from now on. */
    synchronized boolean registerForInsuranceUse(String serial, java.time.Instant at) {
        try (PreparedStatement q = db.prepareStatement("insert or ignore into insurance_use values (?, ?)")) {
            q.setString(1, serial);
            q.setString(2, at.toString());
            return q.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized boolean registeredForInsuranceUse(String serial) {
        try (PreparedStatement q = db.prepareStatement("select 1 from insurance_use where serial = ?")) {
            q.setString(1, serial);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 照会番号: the institution's own number for a person, carried by later results for that institution. */
    synchronized void registerReferenceNumber(String institution, int personId, String reference) {
        try (PreparedStatement q = db.prepareStatement("insert or replace into reference_number values (?, ?, ?)")) {
            q.setString(1, institution);
            q.setInt(2, personId);
            q.setString(3, reference);
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    synchronized Optional<String> referenceNumber(String institution, int personId) {
        try (PreparedStatement q = db.prepareStatement(
                "select reference from reference_number where institution = ? and person_id = ?")) {
            q.setString(1, institution);
            q.setInt(2, personId);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, int id) {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setInt(1, id);
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A card the test CA issued: kept so the demo's virtual card is the same across runs. */
    record StoredCard(String serial, Integer personId, String kind, byte[] certDer, byte[] keyPkcs8, String pin,
            boolean revoked) {}

    private static StoredCard readCard(ResultSet rs) throws SQLException {
        int person = rs.getInt("person_id");
        Integer personId = rs.wasNull() ? null : person;
        return new StoredCard(rs.getString("serial"), personId, rs.getString("kind"),
                rs.getBytes("cert"), rs.getBytes("auth_key"), rs.getString("pin"), rs.getInt("revoked") == 1);
    }

    /**
     * The optional blocks, derived from the person so they need no columns: 高齢受給者 for 70–74, a 限度額 category for
     * some, dialysis (特定疾病) for every 17th person and a 難病 公費 for every 13th.
     */
    static QualificationDetails details(int id, LocalDate birth, ContributionRatio ratio) {
        int age = Period.between(birth, REFERENCE_DATE).getYears();
        Optional<ElderlyRecipient> elderly = age >= 70 && age < 75
                ? Optional.of(new ElderlyRecipient(REFERENCE_DATE.minusMonths(4), REFERENCE_DATE.minusMonths(4),
                        REFERENCE_DATE.plusMonths(8).minusDays(1), ratio))
                : Optional.empty();
        Optional<LimitCertificate> limit = id % 5 == 2
                ? Optional.of(new LimitCertificate("01", age >= 70 ? LimitCategory.B04 : LimitCategory.A03,
                        REFERENCE_DATE, REFERENCE_DATE.plusYears(1).minusDays(1)))
                : Optional.empty();
        List<SpecificDiseaseCertificate> diseases = id % 17 == 5
                ? List.of(new SpecificDiseaseCertificate(SpecificDisease.CHRONIC_RENAL_FAILURE_DIALYSIS,
                        REFERENCE_DATE.minusYears(2), null, 10_000))
                : List.of();
        List<PublicExpense> expenses = List.of();
        if (id % 13 == 7) {
            String payer = "541300" + (id % 10);
            String recipient = String.format("%06d", 100_000 + id);
            expenses = List.of(new PublicExpense(PublicExpensePayerNumber.of(payer + CheckDigit.of(payer)),
                    PublicExpenseRecipientNumber.of(recipient + CheckDigit.of(recipient)), REFERENCE_DATE,
                    REFERENCE_DATE.plusYears(1).minusDays(1)));
            if (id % 26 == 20) { // and 精神通院 (法別 21) beside the 難病 one: two 公費
                String second = "211300" + (id % 10);
                String secondRecipient = String.format("%06d", 200_000 + id);
                expenses = List.of(expenses.getFirst(), new PublicExpense(
                        PublicExpensePayerNumber.of(second + CheckDigit.of(second)),
                        PublicExpenseRecipientNumber.of(secondRecipient + CheckDigit.of(secondRecipient)),
                        REFERENCE_DATE.minusMonths(6), REFERENCE_DATE.plusMonths(6).minusDays(1)));
            }
        }
        return new QualificationDetails(elderly, limit, diseases, expenses);
    }

    private static Qualification read(ResultSet rs) throws SQLException {
        LocalDate birth = LocalDate.parse(rs.getString("birthdate"));
        ContributionRatio ratio = new ContributionRatio(rs.getInt("ratio"));
        return new Qualification(
                new InsuranceCardId(InsurerNumber.of(rs.getString("insurer_number")), rs.getString("symbol"),
                        rs.getString("number"), rs.getString("branch")),
                rs.getString("insurer_name"),
                rs.getString("name"),
                rs.getString("name_kana"),
                birth,
                Sex.ofCode(rs.getString("sex")),
                PersonalFamily.ofCode(rs.getString("personal_family")),
                ratio,
                LocalDate.parse(rs.getString("qualification_date")),
                details(rs.getInt("id"), birth, ratio));
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing
        }
    }
}
