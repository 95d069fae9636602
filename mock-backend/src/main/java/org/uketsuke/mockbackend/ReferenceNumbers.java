package org.uketsuke.mockbackend;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.uketsuke.eligibility.ReferenceNumber;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.RejectionReason;

/** 照会番号: each institution's own number for a person, carried by later results for that institution. */
final class ReferenceNumbers {

    private final PopulationStore population;
    private final Clock clock;

    ReferenceNumbers(PopulationStore population, Clock clock) {
        this.population = population;
        this.clock = clock;
    }

    List<RegistrationOutcome> register(String institution, List<ReferenceRegistration> registrations) {
        String now = BackendTime.now(clock);
        List<RegistrationOutcome> outcomes = new ArrayList<>(registrations.size());
        for (ReferenceRegistration r : registrations) {
            OptionalInt found = population.find(r.card(), r.birthdate());
            if (found.isEmpty()) {
                outcomes.add(InsuranceUseRegistrations.rejected(RejectionReason.NO_QUALIFICATION, "該当する資格情報が存在しません。"));
                continue;
            }
            Optional<String> before = population.referenceNumber(institution, found.getAsInt());
            population.registerReferenceNumber(
                    institution, found.getAsInt(), r.referenceNumber().value());
            outcomes.add(new RegistrationOutcome.Registered(
                    now,
                    before.isPresent()
                            && before.get().equals(r.referenceNumber().value())));
        }
        return outcomes;
    }

    Optional<ReferenceNumber> of(String institution, int person) {
        return population.referenceNumber(institution, person).map(ReferenceNumber::new);
    }
}
