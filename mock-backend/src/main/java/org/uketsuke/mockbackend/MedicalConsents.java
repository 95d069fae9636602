package org.uketsuke.mockbackend;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.PrescriptionForm;
import org.uketsuke.eligibility.medical.ConsentGrant;
import org.uketsuke.eligibility.medical.ConsentPolicy;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.migrations.SchemaMigrator;
import org.uketsuke.migrations.StoreConventions;

/**
 * The consents the backend holds, per medical institution and person, as recorded with each card confirmation
 * (the latest replaces the earlier): the answer, the time, the expiry the {@link ConsentPolicy} gives the scenario,
 * and the prescription-form choice. Kept in SQLite beside the population, so a consent outlives a backend restart
 * until its window closes, as in the national system.
 */
final class MedicalConsents implements AutoCloseable {

    /** The store's schema: versioned migrations with checksums (append only). */
    static final SchemaMigrator SCHEMA = new SchemaMigrator(
            "consent",
            MedicalConsents.class,
            "/org/uketsuke/mockbackend/consents/",
            List.of("V1__consent_grants_and_prescription_forms"),
            StoreConventions.SQLITE_USER_VERSION);

    private static final List<MedicalCategory> CATEGORIES = List.of(MedicalCategory.values());

    private final ConsentPolicy policy;
    private final Connection db;
    private final SqliteStatements sql;
    /** {@link #record}'s statements, kept prepared; guarded by this store's lock like the connection. */
    private PreparedStatement grant;

    private PreparedStatement chosen;

    MedicalConsents(ConsentPolicy policy, Path file) {
        this.policy = policy;
        try {
            db = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = db.createStatement()) {
                s.execute("pragma journal_mode=wal");
                s.execute(SqliteStatements.NO_FSYNC_PER_COMMIT);
            }
            SCHEMA.migrate(db);
            sql = new SqliteStatements(db);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the consent store " + file, e);
        }
    }

    synchronized void record(
            String institution,
            int person,
            Consents consents,
            ConsentScenario scenario,
            PrescriptionForm form,
            Instant now) {
        try {
            if (grant == null || grant.isClosed() || chosen == null || chosen.isClosed()) {
                prepareRecord();
            }
            // The grants share one or two instants (now, its expiry): each written once, not once per category.
            Map<Instant, String> texts = new HashMap<>(4);
            sql.inTransaction(() -> {
                for (MedicalCategory category : CATEGORIES) {
                    ConsentGrant g = ConsentGrant.of(
                            category, category.of(consents), now, scenario, policy.validityFor(scenario));
                    grant.setString(1, institution);
                    grant.setInt(2, person);
                    grant.setString(3, category.name());
                    grant.setString(4, g.answer().name());
                    grant.setString(5, texts.computeIfAbsent(g.givenAt(), Instant::toString));
                    grant.setString(
                            6, g.expiresAt() == null ? null : texts.computeIfAbsent(g.expiresAt(), Instant::toString));
                    grant.setString(7, g.scenario().name());
                    grant.addBatch();
                }
                grant.executeBatch();
                chosen.setString(1, institution);
                chosen.setInt(2, person);
                chosen.setString(3, form == null ? null : form.name());
                chosen.setString(4, texts.computeIfAbsent(now, Instant::toString));
                chosen.executeUpdate();
            });
        } catch (SQLException e) {
            closeRecord(); // prepared afresh by the next confirmation
            throw new IllegalStateException("cannot record the consents", e);
        } catch (RuntimeException e) {
            closeRecord();
            throw e;
        }
    }

    /** The two statements {@link #record} runs per confirmation, prepared once (each was prepared per call before). */
    private void prepareRecord() throws SQLException {
        closeRecord();
        grant = db.prepareStatement("insert or replace into consent_grant (institution,"
                + " person, category, answer, given_at, expires_at, scenario) values (?, ?, ?, ?, ?, ?, ?)");
        chosen = db.prepareStatement("insert or replace into prescription_form"
                + " (institution, person, form, recorded_at) values (?, ?, ?, ?)");
    }

    private void closeRecord() {
        for (PreparedStatement q : new PreparedStatement[] {grant, chosen}) {
            if (q != null) {
                try {
                    q.close();
                } catch (SQLException e) {
                    // already unusable
                }
            }
        }
        grant = null;
        chosen = null;
    }

    /** The grant for this category from the last confirmation of the person at this institution, if any. */
    synchronized Optional<ConsentGrant> grant(String institution, int person, MedicalCategory category) {
        try (PreparedStatement q =
                db.prepareStatement("select answer, given_at, expires_at, scenario from consent_grant"
                        + " where institution = ? and person = ? and category = ?")) {
            q.setString(1, institution);
            q.setInt(2, person);
            q.setString(3, category.name());
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String expires = rs.getString("expires_at");
                return Optional.of(new ConsentGrant(
                        category,
                        Consent.valueOf(rs.getString("answer")),
                        Instant.parse(rs.getString("given_at")),
                        expires == null ? null : Instant.parse(expires),
                        ConsentScenario.valueOf(rs.getString("scenario"))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the consents", e);
        }
    }

    /** The people who last consented at this institution under this 診療区分 within [from, until), by person id. */
    synchronized List<Integer> personsConsentedBetween(
            String institution, ConsentScenario scenario, Instant from, Instant until) {
        try (PreparedStatement q = db.prepareStatement("select distinct person, given_at from consent_grant"
                + " where institution = ? and scenario = ? order by person")) {
            q.setString(1, institution);
            q.setString(2, scenario.name());
            Set<Integer> persons = new LinkedHashSet<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Instant given = Instant.parse(rs.getString("given_at"));
                    if (!given.isBefore(from) && given.isBefore(until)) {
                        persons.add(rs.getInt("person"));
                    }
                }
            }
            return List.copyOf(persons);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the consents", e);
        }
    }

    /** The form of the person's last confirmation anywhere (empty: not asked, or never confirmed). */
    synchronized Optional<PrescriptionForm> lastPrescriptionForm(int person) {
        return form(
                "select form from prescription_form where person = ? order by recorded_at desc limit 1", null, person);
    }

    synchronized Optional<PrescriptionForm> prescriptionForm(String institution, int person) {
        return form("select form from prescription_form where institution = ? and person = ?", institution, person);
    }

    private Optional<PrescriptionForm> form(String sql, String institution, int person) {
        try (PreparedStatement q = db.prepareStatement(sql)) {
            int i = 1;
            if (institution != null) {
                q.setString(i++, institution);
            }
            q.setInt(i, person);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getString(1) != null
                        ? Optional.of(PrescriptionForm.valueOf(rs.getString(1)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the prescription form", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing at shutdown: nothing left to lose
        }
    }
}
