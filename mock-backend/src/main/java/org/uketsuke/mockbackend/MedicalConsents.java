package org.uketsuke.mockbackend;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.PrescriptionForm;
import org.uketsuke.eligibility.medical.ConsentGrant;
import org.uketsuke.eligibility.medical.ConsentPolicy;
import org.uketsuke.eligibility.medical.ConsentScenario;
import org.uketsuke.eligibility.medical.MedicalCategory;

/**
 * The consents the backend holds, per medical institution and person, as recorded with each card confirmation
 * (the latest replaces the earlier): the answer, the time, the expiry the {@link ConsentPolicy} gives the scenario,
 * and the prescription-form choice. In memory: a restart forgets them, as if every window had closed.
 */
final class MedicalConsents {

    private record Key(String institution, int person) {}

    /** What one confirmation recorded. */
    record Recorded(Map<MedicalCategory, ConsentGrant> grants, Optional<PrescriptionForm> prescriptionForm) {}

    private final ConsentPolicy policy;
    private final Map<Key, Recorded> held = new ConcurrentHashMap<>();
    private final Map<Integer, Optional<PrescriptionForm>> lastForm = new ConcurrentHashMap<>();

    MedicalConsents(ConsentPolicy policy) {
        this.policy = policy;
    }

    void record(String institution, int person, Consents consents, ConsentScenario scenario, PrescriptionForm form,
            Instant now) {
        Map<MedicalCategory, ConsentGrant> grants = new EnumMap<>(MedicalCategory.class);
        for (MedicalCategory category : MedicalCategory.values()) {
            grants.put(category, ConsentGrant.of(category, category.of(consents), now, scenario, policy.validityFor(scenario)));
        }
        held.put(new Key(institution, person), new Recorded(Map.copyOf(grants), Optional.ofNullable(form)));
        lastForm.put(person, Optional.ofNullable(form));
    }

    /** The grant for this category from the last confirmation of the person at this institution, if any. */
    Optional<ConsentGrant> grant(String institution, int person, MedicalCategory category) {
        return Optional.ofNullable(held.get(new Key(institution, person))).map(r -> r.grants().get(category));
    }

    /** The form of the person's last confirmation anywhere (empty: not asked, or never confirmed). */
    Optional<PrescriptionForm> lastPrescriptionForm(int person) {
        return lastForm.getOrDefault(person, Optional.empty());
    }

    Optional<PrescriptionForm> prescriptionForm(String institution, int person) {
        return Optional.ofNullable(held.get(new Key(institution, person))).flatMap(Recorded::prescriptionForm);
    }
}
