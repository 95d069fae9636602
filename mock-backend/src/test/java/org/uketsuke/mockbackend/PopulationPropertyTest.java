package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Period;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.uketsuke.eligibility.FieldCheck;
import org.uketsuke.eligibility.FieldCheck.Field;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.LawCode;
import org.uketsuke.eligibility.PublicExpense;
import org.uketsuke.eligibility.Qualification;

/**
 * Properties of the generated population over many seeds: every person (and every ended insurance) passes the
 * eligibility module's validators — 保険者番号 and 公費 check digits, 記号・番号・枝番 rules — and the variety the issue
 * asks for is there.
 */
class PopulationPropertyTest {

    private static final int PEOPLE = 400;

    @TempDir
    Path dir;

    static LongStream seeds() {
        return LongStream.of(1, 2, 3, 42, 1234, 20261203);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void everyGeneratedPersonPassesTheValidators(long seed) {
        try (PopulationStore population = PopulationStore.open(dir.resolve("p" + seed + ".db"), seed, PEOPLE)) {
            for (int id = 0; id < PEOPLE; id++) {
                Qualification q = population.person(id).orElseThrow();
                String who = "seed " + seed + " person " + id;
                assertValid(q.card(), who);
                for (PublicExpense p : q.details().publicExpenses()) {
                    assertThat(FieldCheck.check(
                                    Field.PUBLIC_EXPENSE_PAYER, p.payer().value()))
                            .as(who)
                            .isEmpty();
                    assertThat(FieldCheck.check(
                                    Field.PUBLIC_EXPENSE_RECIPIENT,
                                    p.recipient().value()))
                            .as(who)
                            .isEmpty();
                    assertThat(new LawCode(p.payer().value().substring(0, 2)).publicExpense())
                            .as(who)
                            .isTrue();
                }
                assertThat(q.qualificationDate()).as(who).isAfterOrEqualTo(q.birthdate());
                int age = Period.between(q.birthdate(), PopulationGenerator.REFERENCE_DATE)
                        .getYears();
                if (age >= 75) {
                    assertThat(q.card().insurer().lawCode()).as(who).isEqualTo("39");
                }
                if (age >= 70 && age < 75) {
                    assertThat(q.details().elderly()).as(who + ": 高齢受給者").isPresent();
                }
                var previous = population.previousInsurance(id);
                assertThat(previous.isPresent()).as(who).isEqualTo(PopulationGenerator.switched(id));
                if (previous.isPresent()) {
                    assertValid(previous.get().card(), who + " (ended insurance)");
                    assertThat(previous.get().card().insurer())
                            .as(who)
                            .isNotEqualTo(q.card().insurer());
                    assertThat(previous.get().disqualificationDate())
                            .as(who + ": ended the day before the new one")
                            .isEqualTo(q.qualificationDate().minusDays(1));
                    assertThat(previous.get().qualificationDate())
                            .as(who)
                            .isBeforeOrEqualTo(previous.get().disqualificationDate())
                            .isAfterOrEqualTo(q.birthdate());
                }
                if (PopulationGenerator.futureStart(id)) {
                    assertThat(q.qualificationDate())
                            .as(who)
                            .isAfter(LocalDate.now().plusYears(3));
                }
            }
        }
    }

    private static void assertValid(InsuranceCardId card, String who) {
        InsurerNumber insurer = card.insurer();
        assertThat(FieldCheck.check(Field.INSURER_NUMBER, insurer.value()))
                .as(who)
                .isEmpty();
        assertThat(InsurerNumber.of(insurer.value())).as(who).isEqualTo(insurer);
        assertThat(FieldCheck.check(Field.SYMBOL, card.symbol())).as(who).isEmpty();
        assertThat(FieldCheck.check(Field.NUMBER, card.number())).as(who).isEmpty();
        assertThat(FieldCheck.check(Field.BRANCH, card.branch())).as(who).isEmpty();
        assertThat(new InsuranceCardId(insurer, card.symbol(), card.number(), card.branch()))
                .as(who)
                .isEqualTo(card);
    }

    @Test
    void thePopulationHasTheVarietyOfTheRealOne() {
        try (PopulationStore population = PopulationStore.open(dir.resolve("variety.db"), 42, PEOPLE)) {
            Set<String> kinds = new HashSet<>();
            Set<Integer> ratios = new HashSet<>();
            boolean dependant = false;
            boolean limit = false;
            boolean disease = false;
            boolean twoExpenses = false;
            int switches = 0;
            int futures = 0;
            for (int id = 0; id < PEOPLE; id++) {
                Qualification q = population.person(id).orElseThrow();
                kinds.add(
                        q.card().insurer().nationalHealthInsurance()
                                ? "国保"
                                : q.card().insurer().lawCode());
                ratios.add(q.contributionRatio().percent());
                dependant |= !q.card().branch().equals("00");
                limit |= q.details().limit().isPresent();
                disease |= !q.details().specificDiseases().isEmpty();
                twoExpenses |= q.details().publicExpenses().size() >= 2;
                switches += population.previousInsurance(id).isPresent() ? 1 : 0;
                futures += PopulationGenerator.futureStart(id) ? 1 : 0;
            }
            assertThat(kinds).contains("01", "06", "39", "国保").containsAnyOf("31", "32", "33", "34");
            assertThat(kinds)
                    .allMatch(k -> k.equals("国保") || new LawCode(k).name().isPresent());
            assertThat(ratios).containsExactlyInAnyOrder(10, 20, 30);
            assertThat(dependant).as("家族 with 枝番").isTrue();
            assertThat(limit).isTrue();
            assertThat(disease).isTrue();
            assertThat(twoExpenses).as("two 公費").isTrue();
            assertThat(switches).as("people who changed insurance").isGreaterThanOrEqualTo(5);
            assertThat(futures).as("qualifications starting in the future").isGreaterThanOrEqualTo(5);
        }
    }
}
