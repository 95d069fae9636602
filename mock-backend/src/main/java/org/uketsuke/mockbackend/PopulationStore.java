package org.uketsuke.mockbackend;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
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
import org.uketsuke.migrations.SchemaMigrator;
import org.uketsuke.migrations.StoreConventions;

/**
 * The mock backend's state in SQLite ({@code population.db}), its schema migrated by {@link #SCHEMA}: the insured
 * people ({@link PopulationGenerator} fills an empty store), 資格喪失, the cards the test CA issued (linked by
 * certificate serial, as 保険証利用登録 does), the register of issued and revoked certificates, and 照会番号.
 */
final class PopulationStore implements AutoCloseable {

    private final Connection db;

    private PopulationStore(Connection db) {
        this.db = db;
    }

    /** The store's schema: versioned migrations with checksums (append only). */
    static final SchemaMigrator SCHEMA = new SchemaMigrator(
            "population",
            PopulationStore.class,
            "/org/uketsuke/mockbackend/population/",
            List.of("V1__people_and_cards", "V2__certificate_register_and_insurance_use"),
            StoreConventions.SQLITE_USER_VERSION);

    /** Opens (and migrates) the store; an empty one gets the first {@code people} of the seed's population. */
    static PopulationStore open(Path file, long seed, int people) {
        try {
            Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("pragma journal_mode=WAL");
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
        db.setAutoCommit(false);
        try (PreparedStatement person = db.prepareStatement("insert into person values (?,?,?,?,?,?,?,?,?,?,?,?,?,0)");
                PreparedStatement previous =
                        db.prepareStatement("insert into previous_insurance values (?,?,?,?,?,?,?,?)")) {
            for (PopulationGenerator.GeneratedPerson p : people) {
                Qualification q = p.qualification();
                person.setInt(1, p.id());
                person.setString(2, q.card().insurer().value());
                person.setString(3, q.insurerName());
                person.setString(4, q.card().symbol());
                person.setString(5, q.card().number());
                person.setString(6, q.card().branch());
                person.setString(7, q.name());
                person.setString(8, q.nameKana());
                person.setString(9, q.birthdate().toString());
                person.setString(10, q.sex().code());
                person.setString(11, q.personalFamily().code());
                person.setInt(12, q.contributionRatio().percent());
                person.setString(13, q.qualificationDate().toString());
                person.addBatch();
                if (p.previous().isPresent()) {
                    PreviousInsurance ended = p.previous().get();
                    previous.setInt(1, p.id());
                    previous.setString(2, ended.card().insurer().value());
                    previous.setString(3, ended.insurerName());
                    previous.setString(4, ended.card().symbol());
                    previous.setString(5, ended.card().number());
                    previous.setString(6, ended.card().branch());
                    previous.setString(7, ended.qualificationDate().toString());
                    previous.setString(8, ended.disqualificationDate().toString());
                    previous.addBatch();
                }
            }
            person.executeBatch();
            previous.executeBatch();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

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
        return new PreviousInsurance(
                rs.getInt("person_id"),
                new InsuranceCardId(
                        InsurerNumber.of(rs.getString("insurer_number")),
                        rs.getString("symbol"),
                        rs.getString("number"),
                        rs.getString("branch")),
                rs.getString("insurer_name"),
                LocalDate.parse(rs.getString("qualification_date")),
                LocalDate.parse(rs.getString("disqualification_date")));
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

    /**
     * The person holding this insurance, without the birth date: the 連携アプリ's medical-information requests name
     * only the insurance (記号・番号・枝番), so the branch must match when given.
     */
    synchronized OptionalInt findByCard(InsuranceCardId card) {
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
                    return OptionalInt.empty();
                }
                int id = rs.getInt(1);
                // Two people on one 記号・番号 without a 枝番: ambiguous, so nobody (never the wrong person's data).
                return rs.next() ? OptionalInt.empty() : OptionalInt.of(id);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The person with this insurance and birth date (記号/番号 compared normalised; 枝番 only when given). */
    synchronized OptionalInt find(InsuranceCardId card, LocalDate birthdate) {
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
                return rs.next() ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
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
                q.setNull(2, Types.INTEGER);
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
        try (PreparedStatement q =
                db.prepareStatement("insert or ignore into certificate (issuer, serial) values (?, ?)")) {
            q.setString(1, issuer);
            q.setString(2, serial);
            q.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Revokes a registered certificate; the first revocation's time and reason stay. */
    synchronized void revokeCertificate(String issuer, String serial, Instant at, int reason) {
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
    record CertificateEntry(String serial, Instant revokedAt, Integer reason) {
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
            List<CertificateEntry> entries = new ArrayList<>();
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
        return new CertificateEntry(rs.getString("serial"), at == null ? null : Instant.parse(at), reasonOrNull);
    }

    /** 保険証利用登録: the card's certificate is linked to its holder's insurance from now on. */
    synchronized boolean registerForInsuranceUse(String serial, Instant at) {
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
        try (PreparedStatement q =
                db.prepareStatement("select reference from reference_number where institution = ? and person_id = ?")) {
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
        LocalDate birth = LocalDate.parse(rs.getString("birthdate"));
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
                LocalDate.parse(rs.getString("qualification_date")),
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
