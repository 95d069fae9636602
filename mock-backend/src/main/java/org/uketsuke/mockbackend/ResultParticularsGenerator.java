package org.uketsuke.mockbackend;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import org.uketsuke.eligibility.CheckDigit;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentKind;
import org.uketsuke.eligibility.ConsentRecord;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.InsuredCardClassification;
import org.uketsuke.eligibility.MedicalTicket;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.PublicExpensePayerNumber;
import org.uketsuke.eligibility.PublicExpenseRecipientNumber;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.ResultParticulars;
import org.uketsuke.eligibility.medical.ConsentPolicy;

/**
 * The rest of a person's result, derived from the person like {@link PopulationGenerator#details} so it needs no
 * columns: every 被保険者証区分 of OQSCD010 among the population, the household head, another name for some, address
 * and postal code, the card's issue and validity dates (後期高齢者 cards end on 31 July, short-term cards after six
 * months), 未就学 for the under-sixes and 医療扶助 (区分 A1 with a 医療券) for every 19th person from 11 — every second of
 * them (from 30) without a registered 医療券, which the system answers with QualificationValidity 6
 * (docs/spec-notes/pmh.md#medical-aid).
 */
final class ResultParticularsGenerator {

    private static final String[] TOWNS = {"受付町", "保険町", "確認町", "資格町", "連携町"};

    /** Built once: {@link #enrolled} compares every confirmation's particulars with it. */
    private static final ResultParticulars NONE = ResultParticulars.none();

    private ResultParticularsGenerator() {}

    /** Whether the person was enrolled whole ({@link PopulationStore#enrol}): their particulars are their own. */
    static boolean enrolled(Qualification q) {
        return !q.particulars().equals(NONE);
    }

    /** The person's particulars: derived from them, or for a person enrolled whole, their own. */
    static ResultParticulars of(int id, Qualification q) {
        if (enrolled(q)) {
            return q.particulars();
        }
        LocalDate reference = PopulationGenerator.REFERENCE_DATE;
        int age = Period.between(q.birthdate(), reference).getYears();
        boolean assisted = id % 19 == 11;
        String classification = assisted ? "A1" : classification(id, q);
        LocalDate issued = q.qualificationDate();
        LocalDate expires = null;
        if (q.card().insurer().value().startsWith("39")) {
            LocalDate july = LocalDate.of(reference.getYear(), 7, 31);
            expires = reference.isAfter(july) ? july.plusYears(1) : july;
        } else if (classification.equals("03") || classification.equals("04")) {
            expires = issued == null ? null : issued.plusMonths(6).minusDays(1);
        }
        String family = q.name().contains("　") ? q.name().substring(0, q.name().indexOf('　')) : q.name();
        String head = q.personalFamily() == PersonalFamily.INSURED ? q.name() : family + "　一郎";
        boolean alias = id % 11 == 3;
        boolean ticketless = id % 38 == 30;
        List<MedicalTicket> tickets = assisted && !ticketless ? List.of(ticket(id, reference)) : List.of();
        return new ResultParticulars(
                new InsuredCardClassification(classification),
                head,
                alias ? family + "　通称" + id : null,
                alias ? "ﾂｳｼｮｳ " + id : null,
                id % 43 == 9 ? "3" : null,
                "東京都受付区" + TOWNS[id % TOWNS.length] + (id % 9 + 1) + "丁目" + (id % 30 + 1) + "番" + (id % 12 + 1) + "号",
                postalCode(id),
                null,
                issued,
                issued,
                expires,
                age < 6 ? "1" : null,
                null,
                List.of(),
                tickets);
    }

    /** 1xx-xxxx from the id, zero-padded by hand: String.format was a tenth of this class's CPU per confirmation. */
    private static String postalCode(int id) {
        int area = id % 100;
        int local = (id * 37) % 10_000;
        String digits = String.valueOf(10_000 + local);
        return "1" + (area < 10 ? "0" : "") + area + "-" + digits.substring(1);
    }

    /**
     * The consents as the result reports them: each flag with the time it was given (now) and, for the viewing consents
     * given, the end of viewing under the scenario's policy, the 6情報 of the 電子カルテ情報共有サービス included
     * (docs/spec-notes/consents.md).
     */
    static List<ConsentRecord> consents(Consents c, ConsentScenario scenario, Instant at) {
        String time = BackendTime.stamp(at);
        Duration validity = ConsentPolicy.defaults().validityFor(scenario);
        String expiry = validity == null ? null : BackendTime.stamp(at.plus(validity));
        return List.of(
                viewing(ConsentKind.SPECIFIC_HEALTH_CHECKUPS, c.checkup(), time, expiry),
                viewing(ConsentKind.PHARMACEUTICAL, c.drug(), time, expiry),
                viewing(ConsentKind.DIAGNOSIS, c.treatment(), time, expiry),
                viewing(ConsentKind.OPERATION, c.operation(), time, expiry),
                viewing(ConsentKind.CLINICAL_SIX, c.clinical(), time, expiry),
                new ConsentRecord(ConsentKind.LIMIT_APPLICATION, c.limitInfo(), time, null),
                new ConsentRecord(ConsentKind.SPECIFIC_DISEASES, c.specificDisease(), time, null));
    }

    private static ConsentRecord viewing(ConsentKind kind, Consent flag, String time, String expiry) {
        return new ConsentRecord(kind, flag, time, flag == Consent.YES ? expiry : null);
    }

    /**
     * The ended qualification a 資格の切替 answer (QualificationValidity 3) lists: the old card with its
     * DisqualificationDate and ReasonOfLoss 03 (acquired another insurance).
     */
    static Qualification ended(Qualification current, PreviousInsurance previous) {
        Qualification old = new Qualification(
                previous.card(),
                previous.insurerName(),
                current.name(),
                current.nameKana(),
                current.birthdate(),
                current.sex(),
                current.personalFamily(),
                current.contributionRatio(),
                previous.qualificationDate());
        ResultParticulars p = of(previous.personId(), old);
        return old.withParticulars(new ResultParticulars(
                p.cardClassification(),
                p.insuredName(),
                p.nameOfOther(),
                p.nameOfOtherKana(),
                p.sex2(),
                p.address(),
                p.postNumber(),
                previous.disqualificationDate(),
                p.certificateIssuanceDate(),
                p.cardValidDate(),
                previous.disqualificationDate(),
                p.preschoolClassification(),
                "03",
                List.of(),
                List.of()));
    }

    /** 01 for most; the other codes for a few, so a レセコン sees each of them. */
    private static String classification(int id, Qualification q) {
        if (id % 7 != 4) {
            return "01";
        }
        List<String> others = InsuredCardClassification.KNOWN.subList(1, InsuredCardClassification.KNOWN.size() - 1);
        String code = others.get((id / 7) % others.size());
        return code.equals("06") && !q.card().insurer().value().startsWith("06") ? "01" : code;
    }

    private static MedicalTicket ticket(int id, LocalDate reference) {
        String payer = "121300" + (id % 10);
        String recipient = String.format("%06d", 300_000 + id % 600_000);
        return new MedicalTicket(
                "1",
                PublicExpensePayerNumber.of(payer + CheckDigit.of(payer)),
                PublicExpenseRecipientNumber.of(recipient + CheckDigit.of(recipient)),
                reference.withDayOfMonth(1),
                reference.withDayOfMonth(reference.lengthOfMonth()));
    }
}
