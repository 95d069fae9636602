package org.uketsuke.eligibility.medical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;

class ConsentGrantTest {

    private static final Instant GIVEN = Instant.parse("2026-12-03T01:00:00Z");

    @ParameterizedTest
    @EnumSource(MedicalCategory.class)
    void aYesAllowsViewingUntilItsWindowClosesAndThenReadsAsExpired(MedicalCategory category) {
        ConsentGrant grant =
                ConsentGrant.of(category, Consent.YES, GIVEN, ConsentScenario.OUTPATIENT, Duration.ofHours(24));

        assertThat(grant.stateAt(GIVEN.plusSeconds(1))).isEqualTo(Consent.YES);
        assertThat(grant.allowsViewingAt(GIVEN.plus(Duration.ofHours(24)).minusSeconds(1)))
                .isTrue();
        assertThat(grant.stateAt(GIVEN.plus(Duration.ofHours(24)))).isEqualTo(Consent.EXPIRED);
        assertThat(grant.allowsViewingAt(GIVEN.plus(Duration.ofDays(2)))).isFalse();
    }

    @ParameterizedTest
    @EnumSource(
            value = Consent.class,
            names = {"NO", "NOT_OBTAINED", "EXPIRED"})
    void anythingButYesNeverAllowsViewingAndHasNoExpiry(Consent answer) {
        ConsentGrant grant =
                ConsentGrant.of(MedicalCategory.DRUG, answer, GIVEN, ConsentScenario.OUTPATIENT, Duration.ofHours(24));

        assertThat(grant.expiresAt()).isNull();
        assertThat(grant.allowsViewingAt(GIVEN)).isFalse();
        assertThat(grant.stateAt(GIVEN.plus(Duration.ofDays(30)))).isEqualTo(answer);
    }

    @Test
    void aYesWithoutExpiryOrAnExpiryBeforeTheConsentIsABug() {
        assertThatThrownBy(() ->
                        new ConsentGrant(MedicalCategory.DRUG, Consent.YES, GIVEN, null, ConsentScenario.OUTPATIENT))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsentGrant(
                        MedicalCategory.DRUG, Consent.YES, GIVEN, GIVEN.minusSeconds(1), ConsentScenario.OUTPATIENT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePolicyGivesEveryScenarioAWindowAndHomeVisitsLastLongerThanAnOutpatientVisit() {
        ConsentPolicy policy = ConsentPolicy.defaults();
        for (ConsentScenario scenario : ConsentScenario.values()) {
            assertThat(policy.validityFor(scenario)).isPositive();
        }
        assertThat(policy.validityFor(ConsentScenario.HOME_VISIT))
                .isGreaterThan(policy.validityFor(ConsentScenario.OUTPATIENT));
        assertThat(ConsentScenario.ofCode("4")).isEqualTo(ConsentScenario.EMERGENCY);
    }

    @Test
    void eachCategoryReadsItsOwnAnswerFromTheConsentsOfAConfirmation() {
        Consents consents =
                new Consents(Consent.YES, Consent.NO, Consent.EXPIRED, Consent.NOT_OBTAINED, Consent.YES, Consent.NO);

        assertThat(MedicalCategory.DRUG.of(consents)).isEqualTo(Consent.YES);
        assertThat(MedicalCategory.CHECKUP.of(consents)).isEqualTo(Consent.NO);
        assertThat(MedicalCategory.TREATMENT.of(consents)).isEqualTo(Consent.EXPIRED);
        assertThat(MedicalCategory.OPERATION.of(consents)).isEqualTo(Consent.NOT_OBTAINED);
        assertThat(MedicalCategory.LIMIT_INFO.of(consents)).isEqualTo(Consent.YES);
        assertThat(MedicalCategory.SPECIFIC_DISEASE.of(consents)).isEqualTo(Consent.NO);
        assertThat(MedicalCategory.viewableCategories())
                .containsExactly(
                        MedicalCategory.DRUG,
                        MedicalCategory.CHECKUP,
                        MedicalCategory.TREATMENT,
                        MedicalCategory.OPERATION);
    }
}
