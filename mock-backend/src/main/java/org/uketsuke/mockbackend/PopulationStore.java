package org.uketsuke.mockbackend;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.wire.MalformedMessageException;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;
import org.uketsuke.eligibility.wire.WireDates;
import org.uketsuke.migrations.SchemaMigrator;
import org.uketsuke.migrations.StoreConventions;

/**
 * The mock backend's state in SQLite ({@code population.db}), its schema migrated by {@link #SCHEMA}: the insured
 * people ({@link PopulationGenerator} fills an empty store), 資格喪失, the cards the test CA issued (linked by
 * certificate serial, as 保険証利用登録 does), the register of issued and revoked certificates, 照会番号, and the people
 * enrolled whole ({@link #enrol}).
 */
final class PopulationStore implements AutoCloseable {

    /** The institution code the enrolled results are written under (only their qualification is read back). */
    private static final String ENROLMENT = "0000000000";

    private final Connection db;
    private final SqliteStatements sql;

    private PopulationStore(Connection db) {
        this.db = db;
        this.sql = new SqliteStatements(db);
    }

    /** The store's schema: versioned migrations with checksums (append only). */
    static final SchemaMigrator SCHEMA = new SchemaMigrator(
            "population",
            PopulationStore.class,
            "/org/uketsuke/mockbackend/population/",
            List.of(
                    "V1__people_and_cards",
                    "V2__certificate_register_and_insurance_use",
                    "V3__enrolled_results",
                    "V4__registration_pending"),
            StoreConventions.SQLITE_USER_VERSION);

    /** Opens (and migrates) the store; an empty one gets the first {@code people} of the seed's population. */
    static PopulationStore open(Path file, long seed, int people) {
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("pragma journal_mode=WAL");
                s.execute(SqliteStatements.NO_FSYNC_PER_COMMIT);
            }
            SCHEMA.migrate(db);
            PopulationStore store = new PopulationStore(db);
            if (store.size() == 0) {
                store.insert(PopulationGenerator.people(seed, people));
            }
            return store;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the population database " + file, e);
        }
    }

    private void insert(List<PopulationGenerator.GeneratedPerson> people) throws SQLException {
        sql.inTransaction(() -> insertBatch(people));
    }

    private void insertBatch(List<PopulationGenerator.GeneratedPerson> people) throws SQLException {
        try (PreparedStatement person = sql.prepare("insert into person values (?,?,?,?,?,?,?,?,?,?,?,?,?,0)");
                PreparedStatement previous = sql.prepare("insert into previous_insurance values (?,?,?,?,?,?,?,?)")) {
            for (PopulationGenerator.GeneratedPerson p : people) {
                SqliteStatements.bind(person, personColumns(p.id(), p.qualification()));
                person.addBatch();
                if (p.previous().isPresent()) {
                    PreviousInsurance ended = p.previous().get();
                    SqliteStatements.bind(
                            previous,
                            insuranceColumns(
                                    p.id(),
                                    ended.card(),
                                    ended.insurerName(),
                                    ended.qualificationDate().toString(),
                                    ended.disqualificationDate().toString()));
                    previous.addBatch();
                }
            }
            person.executeBatch();
            previous.executeBatch();
        }
        for (PopulationGenerator.GeneratedPerson p : people) {
            if (PopulationGenerator.registrationPending(p.id())) {
                sql.update("insert into registration_pending values (?)", p.id());
            }
        }
    }

    /** A row of {@code person} (not lost). */
    private static Object[] personColumns(int id, Qualification q) {
        return insuranceColumns(
                id,
                q.card(),
                q.insurerName(),
                q.name(),
                q.nameKana(),
                q.birthdate().toString(),
                q.sex().code(),
                q.personalFamily().code(),
                q.contributionRatio().percent(),
                q.qualificationDate().toString());
    }

    /**
     * Adds a person whose whole qualification is given rather than generated: every block and particular as given
     * (the 照会番号 and the consents stay the institution's and the patient's: registration and the card request set
     * them). Found, confirmed, issued cards and lost like the generated people.
     *
     * @return the new person's index
     */
    synchronized int enrol(Qualification q) {
        int id = sql.first("select coalesce(max(id), -1) + 1 from person", rs -> rs.getInt(1))
                .orElseThrow();
        byte[] result = QualificationXml.write(
                ResultMessage.confirmed(BackendTime.stamp(Instant.EPOCH), ENROLMENT, "enrolled-" + id, q, null));
        try {
            sql.inTransaction(() -> {
                sql.update("insert into person values (?,?,?,?,?,?,?,?,?,?,?,?,?,0)", personColumns(id, q));
                sql.update("insert into enrolled_result values (?, ?)", id, result);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot enrol a person", e);
        }
        return id;
    }

    /** The whole qualification a person was enrolled with, if they were. */
    private Optional<Qualification> enrolled(int id) {
        return sql.first("select result from enrolled_result where person_id = ?", rs -> rs.getBytes(1), id)
                .map(bytes -> {
                    try {
                        return QualificationXml.parseResult(bytes)
                                .qualifications()
                                .getFirst();
                    } catch (MalformedMessageException e) {
                        throw new IllegalStateException("the enrolled result of person " + id + " does not parse", e);
                    }
                });
    }

    /** The columns {@code person} and {@code previous_insurance} begin with, then the table's own. */
    private static Object[] insuranceColumns(int personId, InsuranceCardId card, String insurerName, Object... rest) {
        List<Object> columns = new ArrayList<>(
                List.of(personId, card.insurer().value(), insurerName, card.symbol(), card.number(), card.branch()));
        columns.addAll(List.of(rest));
        return columns.toArray();
    }

    synchronized Optional<PreviousInsurance> previousInsurance(int personId) {
        return sql.first(
                "select * from previous_insurance where person_id = ?", PopulationStore::readPrevious, personId);
    }

    /** The person who had this (now ended) insurance, with this birth date. */
    synchronized Optional<PreviousInsurance> findPrevious(InsuranceCardId card, LocalDate birthdate) {
        return sql.first(
                "select p.* from previous_insurance p join person on person.id = p.person_id where "
                        + cardMatches("p.", card) + " and person.birthdate = ?",
                PopulationStore::readPrevious,
                cardAnd(card, birthdate.toString()));
    }

    /** Compares 記号/番号 as stored (normalised); 枝番 only when given. */
    private static String cardMatches(String table, InsuranceCardId card) {
        return table + "insurer_number = ? and " + table + "symbol = ? and " + table + "number = ?"
                + (card.branch().isEmpty() ? "" : " and " + table + "branch = ?");
    }

    /** The parameters of {@link #cardMatches} followed by {@code more}. */
    private static Object[] cardAnd(InsuranceCardId card, Object... more) {
        List<Object> parameters = new ArrayList<>(List.of(card.insurer().value(), card.symbol(), card.number()));
        if (!card.branch().isEmpty()) {
            parameters.add(card.branch());
        }
        parameters.addAll(List.of(more));
        return parameters.toArray();
    }

    private static PreviousInsurance readPrevious(ResultSet rs) throws SQLException {
        return new PreviousInsurance(
                rs.getInt("person_id"),
                new InsuranceCardId(
                        InsurerNumber.of(rs.getString("insurer_number")),
                        rs.getString("symbol"),
                        rs.getString("number"),
                        rs.getString("branch")),
                rs.getString("insurer_name"),
                WireDates.parseIso(rs.getString("qualification_date")),
                WireDates.parseIso(rs.getString("disqualification_date")));
    }

    synchronized int size() {
        return sql.first("select count(*) from person", rs -> rs.getInt(1)).orElse(0);
    }

    synchronized Optional<Qualification> person(int id) {
        return sql.first("select * from person where id = ?", PopulationStore::read, id)
                .map(generated -> enrolled(id).orElse(generated));
    }

    /**
     * The person holding this insurance, without the birth date: the 連携アプリ's medical-information requests name
     * only the insurance (記号・番号・枝番), so the branch must match when given.
     */
    synchronized OptionalInt findByCard(InsuranceCardId card) {
        List<Integer> ids = sql.all(
                "select id from person where " + cardMatches("", card) + " order by id limit 2",
                rs -> rs.getInt(1),
                cardAnd(card));
        // Two people on one 記号・番号 without a 枝番: ambiguous, so nobody (never the wrong person's data).
        return ids.size() == 1 ? OptionalInt.of(ids.getFirst()) : OptionalInt.empty();
    }

    /** The person with this insurance and birth date (記号/番号 compared normalised; 枝番 only when given). */
    synchronized OptionalInt find(InsuranceCardId card, LocalDate birthdate) {
        return sql.first(
                        "select id from person where " + cardMatches("", card) + " and birthdate = ?",
                        rs -> rs.getInt(1),
                        cardAnd(card, birthdate.toString()))
                .map(OptionalInt::of)
                .orElse(OptionalInt.empty());
    }

    /** Marks a person's qualification as ended (資格喪失). */
    synchronized void loseQualification(int id) {
        sql.update("update person set lost = 1 where id = ?", id);
    }

    /**
     * The insurer's registration caught up (the new insurance is reflected): a person marked lost or awaiting the
     * registration is qualified again.
     */
    synchronized void reflectRegistration(int id) {
        try {
            sql.inTransaction(() -> {
                sql.update("update person set lost = 0 where id = ?", id);
                sql.update("delete from registration_pending where person_id = ?", id);
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reflect the registration of person " + id, e);
        }
    }

    /** Whether the person's (new) insurance is not yet registered by the insurer: the system knows no qualification. */
    synchronized boolean registrationPending(int id) {
        return sql.first("select 1 from registration_pending where person_id = ?", rs -> true, id)
                .isPresent();
    }

    synchronized boolean lost(int id) {
        return sql.first("select lost from person where id = ?", rs -> rs.getInt(1) == 1, id)
                .orElse(false);
    }

    /** A stored card of a person and kind, if one was issued before. */
    synchronized Optional<StoredCard> card(Integer personId, String kind) {
        return personId == null
                ? sql.first("select * from card where person_id is null and kind = ?", PopulationStore::readCard, kind)
                : sql.first(
                        "select * from card where person_id = ? and kind = ?",
                        PopulationStore::readCard,
                        personId,
                        kind);
    }

    synchronized Optional<StoredCard> cardBySerial(String serial) {
        return sql.first("select * from card where serial = ?", PopulationStore::readCard, serial);
    }

    synchronized void storeCard(StoredCard card) {
        sql.update(
                "insert into card values (?,?,?,?,?,?,?)",
                card.serial(),
                card.personId(),
                card.kind(),
                card.certDer(),
                card.keyPkcs8(),
                card.pin(),
                card.revoked() ? 1 : 0);
    }

    /** Puts a certificate the test CAs issued into the register ({@code issuer}: {@code jpki} or {@code terminal}). */
    synchronized void registerCertificate(String issuer, String serial) {
        sql.update("insert or ignore into certificate (issuer, serial) values (?, ?)", issuer, serial);
    }

    /** Revokes a registered certificate; the first revocation's time and reason stay. */
    synchronized void revokeCertificate(String issuer, String serial, Instant at, int reason) {
        sql.update(
                "update certificate set revoked_at = ?, reason = ? where issuer = ? and serial = ? and revoked_at is null",
                at.toString(),
                reason,
                issuer,
                serial);
        if (issuer.equals("jpki")) {
            sql.update("update card set revoked = 1 where serial = ?", serial);
        }
    }

    /** One register entry: revokedAt and reason are null while the certificate is good. */
    record CertificateEntry(String serial, Instant revokedAt, Integer reason) {
        boolean revoked() {
            return revokedAt != null;
        }
    }

    synchronized Optional<CertificateEntry> certificate(String issuer, String serial) {
        return sql.first(
                "select * from certificate where issuer = ? and serial = ?",
                PopulationStore::readEntry,
                issuer,
                serial);
    }

    synchronized List<CertificateEntry> revokedCertificates(String issuer) {
        return sql.all(
                "select * from certificate where issuer = ? and revoked_at is not null order by serial",
                PopulationStore::readEntry,
                issuer);
    }

    private static CertificateEntry readEntry(ResultSet rs) throws SQLException {
        String at = rs.getString("revoked_at");
        int reason = rs.getInt("reason");
        Integer reasonOrNull = rs.wasNull() ? null : reason;
        return new CertificateEntry(rs.getString("serial"), at == null ? null : Instant.parse(at), reasonOrNull);
    }

    /** 保険証利用登録: the card's certificate is linked to its holder's insurance from now on. */
    synchronized boolean registerForInsuranceUse(String serial, Instant at) {
        return sql.update("insert or ignore into insurance_use values (?, ?)", serial, at.toString()) == 1;
    }

    synchronized boolean registeredForInsuranceUse(String serial) {
        return sql.first("select 1 from insurance_use where serial = ?", rs -> true, serial)
                .isPresent();
    }

    /** 照会番号: the institution's own number for a person, carried by later results for that institution. */
    synchronized void registerReferenceNumber(String institution, int personId, String reference) {
        sql.update("insert or replace into reference_number values (?, ?, ?)", institution, personId, reference);
    }

    synchronized Optional<String> referenceNumber(String institution, int personId) {
        return sql.first(
                "select reference from reference_number where institution = ? and person_id = ?",
                rs -> rs.getString(1),
                institution,
                personId);
    }

    /** A card the test CA issued: kept so the demo's virtual card is the same across runs. */
    record StoredCard(
            String serial,
            Integer personId,
            String kind,
            byte[] certDer,
            byte[] keyPkcs8,
            String pin,
            boolean revoked) {}

    private static StoredCard readCard(ResultSet rs) throws SQLException {
        int person = rs.getInt("person_id");
        Integer personId = rs.wasNull() ? null : person;
        return new StoredCard(
                rs.getString("serial"),
                personId,
                rs.getString("kind"),
                rs.getBytes("cert"),
                rs.getBytes("auth_key"),
                rs.getString("pin"),
                rs.getInt("revoked") == 1);
    }

    private static Qualification read(ResultSet rs) throws SQLException {
        LocalDate birth = WireDates.parseIso(rs.getString("birthdate"));
        ContributionRatio ratio = new ContributionRatio(rs.getInt("ratio"));
        return new Qualification(
                new InsuranceCardId(
                        InsurerNumber.of(rs.getString("insurer_number")),
                        rs.getString("symbol"),
                        rs.getString("number"),
                        rs.getString("branch")),
                rs.getString("insurer_name"),
                rs.getString("name"),
                rs.getString("name_kana"),
                birth,
                Sex.ofCode(rs.getString("sex")),
                PersonalFamily.ofCode(rs.getString("personal_family")),
                ratio,
                WireDates.parseIso(rs.getString("qualification_date")),
                PopulationGenerator.details(rs.getInt("id"), birth, ratio));
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
