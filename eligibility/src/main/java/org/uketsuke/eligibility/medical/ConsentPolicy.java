package org.uketsuke.eligibility.medical;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Nullable;

/**
 * How long a "yes" lets a clinic view, per scenario. The defaults are Uketsuke's assumption (docs/backend-api.md):
 * 24 hours for an outpatient visit, 30 days for home visits and online consultations (a series of visits), and
 * 12 hours for emergency viewing. The official windows are set by the national system, not by the clinic.
 */
public record ConsentPolicy(Map<ConsentScenario, Duration> validity) {

    public ConsentPolicy {
        validity = Map.copyOf(validity);
        for (ConsentScenario scenario : ConsentScenario.values()) {
            Objects.requireNonNull(validity.get(scenario), () -> "no validity for " + scenario);
        }
    }

    public static ConsentPolicy defaults() {
        Map<ConsentScenario, Duration> v = new EnumMap<>(ConsentScenario.class);
        v.put(ConsentScenario.OUTPATIENT, Duration.ofHours(24));
        v.put(ConsentScenario.HOME_VISIT, Duration.ofDays(30));
        v.put(ConsentScenario.ONLINE, Duration.ofDays(30));
        v.put(ConsentScenario.EMERGENCY, Duration.ofHours(12));
        return new ConsentPolicy(v);
    }

    public @Nullable Duration validityFor(ConsentScenario scenario) {
        return validity.get(scenario);
    }
}
