package org.uketsuke.eligibility.medical;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Nullable;

/**
 * One category's consent as the qualification system keeps it: the answer (OQSCD016), when it was given, until when
 * it lets the clinic view, and under which scenario. A "yes" past its expiry reads as {@link Consent#EXPIRED}.
 *
 * @param expiresAt the end of the viewing window; null when the answer was not "yes" (nothing to expire)
 */
public record ConsentGrant(
        MedicalCategory category,
        Consent answer,
        Instant givenAt,
        @Nullable Instant expiresAt,
        ConsentScenario scenario) {

    public ConsentGrant {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(givenAt, "givenAt");
        Objects.requireNonNull(scenario, "scenario");
        if (answer == Consent.YES && expiresAt == null) {
            throw new IllegalArgumentException("a consent that was given needs an expiry");
        }
        if (expiresAt != null && expiresAt.isBefore(givenAt)) {
            throw new IllegalArgumentException("consent expires before it was given");
        }
    }

    /** The grant for {@code answer} given at {@code givenAt}, valid for {@code validity} if it is a "yes". */
    public static ConsentGrant of(
            MedicalCategory category, Consent answer, Instant givenAt, ConsentScenario scenario, Duration validity) {
        return new ConsentGrant(
                category, answer, givenAt, answer == Consent.YES ? givenAt.plus(validity) : null, scenario);
    }

    /** The answer as it stands at {@code now}: a "yes" whose window has closed is {@link Consent#EXPIRED}. */
    public Consent stateAt(Instant now) {
        if (answer == Consent.YES && !now.isBefore(expiresAt)) {
            return Consent.EXPIRED;
        }
        return answer;
    }

    /** Whether the clinic may view this category at {@code now}. */
    public boolean allowsViewingAt(Instant now) {
        return stateAt(now) == Consent.YES;
    }
}
