package org.uketsuke.mockbackend;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import org.uketsuke.eligibility.CheckDigit;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.MedicalSubsidies;
import org.uketsuke.eligibility.MedicalSubsidy;
import org.uketsuke.eligibility.PublicExpensePayerNumber;
import org.uketsuke.eligibility.PublicExpenseRecipientNumber;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.SubsidyCopay;
import org.uketsuke.eligibility.SubsidyKind;

/**
 * PMH in the mock's population (docs/spec-notes/pmh.md#the-mock-backend), derived from the person so it needs no
 * columns. Every {@value #EVERY}th person from {@value #CONNECTED_FIRST} lives in 受付市, a municipality connected to
 * PMH, and holds a 受給者証 there: 子ども医療 under 18, ひとり親 otherwise, and every second of them a 重度心身障害者
 * one as well; every {@value #EVERY}th from {@value #PAPER_FIRST} lives in 確認町, which is not connected (their
 * 受給者証 exists on paper only). Everyone else lives where PMH is connected and holds none.
 */
final class MedicalSubsidyRegister {

    static final int EVERY = 23;
    static final int CONNECTED_FIRST = 5;
    static final int PAPER_FIRST = 16;

    static final String CONNECTED_TOWN = "受付市";

    /** The municipal programmes renew each year on 1 August (as many ひとり親 and 障害者 programmes do). */
    private static final MonthDay RENEWAL = MonthDay.of(8, 1);

    private MedicalSubsidyRegister() {}

    /** Whether the person's municipality is not connected to PMH. */
    static boolean paperOnly(int id) {
        return id % EVERY == PAPER_FIRST;
    }

    /** The 受給者証 the connected municipality holds for the person (empty for most). */
    static List<MedicalSubsidy> subsidiesOf(int id, Qualification q) {
        if (id % EVERY != CONNECTED_FIRST) {
            return List.of();
        }
        List<MedicalSubsidy> held = new ArrayList<>();
        LocalDate reference = PopulationGenerator.REFERENCE_DATE;
        LocalDate adult = q.birthdate().plusYears(18);
        if (adult.isAfter(reference)) {
            // 子ども医療: until the 31 March after the 18th birthday.
            LocalDate march = LocalDate.of(adult.getYear(), 3, 31);
            held.add(subsidy(
                    SubsidyKind.CHILD,
                    "88",
                    id,
                    q.birthdate(),
                    adult.isAfter(march) ? march.plusYears(1) : march,
                    SubsidyCopay.NONE));
        } else {
            held.add(subsidy(SubsidyKind.SINGLE_PARENT, "81", id, renewal(reference), null, SubsidyCopay.NONE));
        }
        if (id % (2 * EVERY) == CONNECTED_FIRST) {
            held.add(subsidy(
                    SubsidyKind.DISABILITY,
                    "80",
                    id,
                    renewal(reference),
                    renewal(reference).plusYears(2).minusDays(1),
                    new SubsidyCopay(500, null)));
        }
        return List.copyOf(held);
    }

    /**
     * The answer to the PMH question as the system gives it: nothing when not asked, "declined" on no, "not connected"
     * for a municipality outside PMH, else the 受給者証 valid on {@code day}; for a person enrolled whole, on yes, the
     * answer they were enrolled with.
     */
    static MedicalSubsidies answer(int id, Qualification q, Consent given, LocalDate day) {
        return switch (given) {
            case NOT_OBTAINED -> MedicalSubsidies.NOT_ASKED;
            case NO, EXPIRED -> MedicalSubsidies.of(MedicalSubsidies.Status.DECLINED);
            case YES ->
                ResultParticularsGenerator.enrolled(q)
                        ? q.particulars().subsidies()
                        : paperOnly(id)
                                ? MedicalSubsidies.of(MedicalSubsidies.Status.MUNICIPALITY_NOT_CONNECTED)
                                : MedicalSubsidies.provided(subsidiesOf(id, q).stream()
                                        .filter(s -> s.validOn(day))
                                        .toList());
        };
    }

    private static LocalDate renewal(LocalDate reference) {
        LocalDate thisYear = RENEWAL.atYear(reference.getYear());
        return thisYear.isAfter(reference) ? thisYear.minusYears(1) : thisYear;
    }

    /** 負担者番号 法別 + 13 (東京都) + the town's 実施機関 + check; 受給者番号 from the person + check. */
    private static MedicalSubsidy subsidy(
            SubsidyKind kind, String law, int id, LocalDate start, LocalDate end, SubsidyCopay copay) {
        String payer = law + "13" + "905";
        String recipient = String.format("%06d", 500_000 + id);
        return new MedicalSubsidy(
                kind,
                PublicExpensePayerNumber.of(payer + CheckDigit.of(payer)),
                PublicExpenseRecipientNumber.of(recipient + CheckDigit.of(recipient)),
                CONNECTED_TOWN,
                start,
                end,
                copay);
    }
}
