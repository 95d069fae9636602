package org.uketsuke.mockbackend;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.medical.ConsentGrant;
import org.uketsuke.eligibility.medical.MedicalCategory;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.medical.MedicalRecords;
import org.uketsuke.eligibility.wire.medical.MedicalXml;

/**
 * 医療情報 (medications, checkups, diagnoses): a person's generated history, served to an institution only while the
 * consent recorded with its last card confirmation of the person is "yes" and its window is open (by this backend's
 * clock).
 */
final class MedicalInformation {

    /** What a medical-information request ends in: the records with their consent window, or a refusal. */
    sealed interface Serve {
        record Served(MedicalRecords records, Qualification person, Instant expiresAt) implements Serve {}

        record Refused(MedicalXml.Refusal reason, Consent consent, Instant expiredAt, String message)
                implements Serve {}
    }

    private final PopulationStore population;
    private final MedicalConsents consents;
    private final long seed;
    private final Clock clock;

    MedicalInformation(PopulationStore population, MedicalConsents consents, long seed, Clock clock) {
        this.population = population;
        this.consents = consents;
        this.seed = seed;
        this.clock = clock;
    }

    /**
     * Serves a category only while the consent is "yes" and open. Emergency viewing without consent (救急時) is not
     * served yet: an emergency query needs a consent like any other.
     */
    Serve serve(MedicalQuery query, String institution) {
        OptionalInt found = population.findByCard(query.card());
        if (found.isEmpty()) {
            return new Serve.Refused(MedicalXml.Refusal.NOT_FOUND, null, null, "該当する被保険者が存在しません。");
        }
        int person = found.getAsInt();
        Optional<ConsentGrant> grant = consents.grant(institution, person, query.category());
        if (grant.isEmpty()) {
            return new Serve.Refused(MedicalXml.Refusal.NO_CONSENT, Consent.NOT_OBTAINED, null, "同意が取得されていません。");
        }
        Consent state = grant.get().stateAt(clock.instant());
        return switch (state) {
            case YES ->
                new Serve.Served(
                        history(person).records(query),
                        population.person(person).orElseThrow(),
                        grant.get().expiresAt());
            case EXPIRED ->
                new Serve.Refused(
                        MedicalXml.Refusal.CONSENT_EXPIRED,
                        Consent.EXPIRED,
                        grant.get().expiresAt(),
                        "同意の有効期限が切れています。");
            case NO, NOT_OBTAINED ->
                new Serve.Refused(
                        MedicalXml.Refusal.NO_CONSENT,
                        state,
                        null,
                        state == Consent.NO ? "閲覧に同意されていません。" : "同意が取得されていません。");
        };
    }

    /** The generated history of a person as it stands today, consent aside. */
    MedicalRecords history(int person, MedicalCategory category) {
        Qualification held =
                population.person(person).orElseThrow(() -> new IllegalArgumentException("no person " + person));
        return history(person).records(MedicalQuery.all(held.card(), category));
    }

    private MedicalHistory history(int person) {
        return MedicalHistory.of(seed, person, population.person(person).orElseThrow(), BackendTime.today(clock));
    }
}
