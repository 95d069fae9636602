package org.uketsuke.mockbackend;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.uketsuke.eligibility.BulkSelection;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.MedicalTicket;
import org.uketsuke.eligibility.Qualification;

/**
 * Who a 医療扶助, 訪問診療 or オンライン診療 bulk exchange finds (docs/spec-notes/results.md#bulk-exchanges): the people
 * whose 医療券/調剤券 covers part of the treatment month, or who consented at this institution under that 診療区分
 * within the period (the mock has no separate examination record, so an examination period selects by the consent
 * given at the examination). Each becomes an insurance search that the batch then confirms like an 一括照会 entry.
 */
final class BulkSelections {

    private static final ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    private final PopulationStore population;
    private final MedicalConsents consents;

    BulkSelections(PopulationStore population, MedicalConsents consents) {
        this.population = population;
        this.consents = consents;
    }

    List<InsuranceSearch> select(BulkSelection selection, String institution) {
        List<InsuranceSearch> searches = new ArrayList<>();
        switch (selection) {
            case BulkSelection.TreatmentMonth m -> {
                for (int id = 1; id <= population.size(); id++) {
                    int person = id;
                    population.person(id).ifPresent(q -> {
                        boolean covered = ResultParticularsGenerator.of(person, q).medicalTickets().stream()
                                .anyMatch(t -> covers(t, m));
                        if (covered) {
                            searches.add(search(q, person));
                        }
                    });
                }
            }
            case BulkSelection.Period p -> {
                ConsentScenario scenario = p.exchange() == BulkSelection.Exchange.HOME_VISIT
                        ? ConsentScenario.HOME_VISIT
                        : ConsentScenario.ONLINE;
                for (int person : consents.personsConsentedBetween(
                        institution,
                        scenario,
                        p.from().atStartOfDay(JAPAN).toInstant(),
                        p.to().plusDays(1).atStartOfDay(JAPAN).toInstant())) {
                    population.person(person).ifPresent(q -> searches.add(search(q, person)));
                }
            }
        }
        return searches;
    }

    private static boolean covers(MedicalTicket ticket, BulkSelection.TreatmentMonth m) {
        LocalDate first = m.month().atDay(1);
        LocalDate last = m.month().atEndOfMonth();
        return (ticket.validStart() == null || !ticket.validStart().isAfter(last))
                && (ticket.validEnd() == null || !ticket.validEnd().isBefore(first));
    }

    private static InsuranceSearch search(Qualification q, int person) {
        return new InsuranceSearch(q.card(), q.birthdate(), false, "person-" + person);
    }
}
