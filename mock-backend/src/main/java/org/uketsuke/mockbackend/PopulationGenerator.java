package org.uketsuke.mockbackend;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.uketsuke.eligibility.CheckDigit;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.ElderlyRecipient;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.LimitCategory;
import org.uketsuke.eligibility.LimitCertificate;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.PublicExpense;
import org.uketsuke.eligibility.PublicExpensePayerNumber;
import org.uketsuke.eligibility.PublicExpenseRecipientNumber;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.QualificationDetails;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.SpecificDisease;
import org.uketsuke.eligibility.SpecificDiseaseCertificate;

/**
 * The insured people of the mock backend, generated from a seed (same seed, same people, whatever store keeps them):
 * insurer numbers of several 法別番号 that pass the check digit, 記号/番号/枝番, 本人/家族, and 負担割合 by age; some
 * changed insurance (the ended one is kept, see {@link #switched}) and some start in the future
 * ({@link #futureStart}). The optional blocks ({@link #details}) are derived from the person, so they need no storage.
 */
final class PopulationGenerator {

    /** Same reference date for everyone so the generated ages (and ratios) do not drift from run to run. */
    static final LocalDate REFERENCE_DATE = LocalDate.of(2026, 4, 1);

    private static final String[][] FAMILY = {
        {"佐藤", "ｻﾄｳ"}, {"鈴木", "ｽｽﾞｷ"}, {"高橋", "ﾀｶﾊｼ"}, {"田中", "ﾀﾅｶ"}, {"伊藤", "ｲﾄｳ"},
        {"渡辺", "ﾜﾀﾅﾍﾞ"}, {"山本", "ﾔﾏﾓﾄ"}, {"中村", "ﾅｶﾑﾗ"}, {"小林", "ｺﾊﾞﾔｼ"}, {"加藤", "ｶﾄｳ"},
        {"吉田", "ﾖｼﾀﾞ"}, {"山田", "ﾔﾏﾀﾞ"}, {"松本", "ﾏﾂﾓﾄ"}, {"井上", "ｲﾉｳｴ"}, {"木村", "ｷﾑﾗ"}
    };
    private static final String[][] GIVEN_FEMALE = {
        {"花子", "ﾊﾅｺ"}, {"陽子", "ﾖｳｺ"}, {"美咲", "ﾐｻｷ"}, {"結衣", "ﾕｲ"}, {"恵子", "ｹｲｺ"}, {"さくら", "ｻｸﾗ"}
    };
    private static final String[][] GIVEN_MALE = {
        {"太郎", "ﾀﾛｳ"}, {"健一", "ｹﾝｲﾁ"}, {"翔太", "ｼｮｳﾀ"}, {"大輔", "ﾀﾞｲｽｹ"}, {"誠", "ﾏｺﾄ"}, {"蓮", "ﾚﾝ"}
    };

    /** Every {@value #SWITCH_EVERY}th person (from {@value #SWITCH_FIRST}) changed insurance: two insurances, one ended. */
    static final int SWITCH_EVERY = 37;

    static final int SWITCH_FIRST = 53;
    /**
     * Every {@value #FUTURE_EVERY}th person (from {@value #FUTURE_FIRST}) has a qualification that starts in the future
     * (a new employee registered ahead): years after {@link #REFERENCE_DATE}, so it stays in the future for the life
     * of this test data.
     */
    static final int FUTURE_EVERY = 41;

    static final int FUTURE_FIRST = 61;

    /**
     * The person who changed jobs and whose new insurer has not registered the new insurance yet (the registration lag
     * of docs/spec-notes/failures.md#registration-lag): the demo's {@code --person 47}. Only this one, so the bulk and
     * full-result tests over the first people keep their counts.
     */
    static final int REGISTRATION_LAG = 47;

    static boolean registrationPending(int id) {
        return id == REGISTRATION_LAG;
    }

    static boolean switched(int id) {
        return id >= SWITCH_FIRST && (id - SWITCH_FIRST) % SWITCH_EVERY == 0;
    }

    static boolean futureStart(int id) {
        return id >= FUTURE_FIRST && (id - FUTURE_FIRST) % FUTURE_EVERY == 0 && !switched(id);
    }

    /** One generated person: the current qualification and, after a switch, the insurance that ended. */
    record GeneratedPerson(int id, Qualification qualification, Optional<PreviousInsurance> previous) {}

    private PopulationGenerator() {}

    /** The first {@code count} people of this seed. */
    static List<GeneratedPerson> people(long seed, int count) {
        SplittableRandom random = new SplittableRandom(seed);
        List<GeneratedPerson> people = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            people.add(switchOrFutureStart(seed, id, generate(id, random)));
        }
        return people;
    }

    /**
     * The switches and future starts, drawn from their own random stream per person so that the other people are the
     * same as before these existed.
     */
    private static GeneratedPerson switchOrFutureStart(long seed, int id, Qualification q) {
        if (!switched(id) && !futureStart(id)) {
            return new GeneratedPerson(id, q, Optional.empty());
        }
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + id);
        LocalDate birth = q.birthdate();
        if (futureStart(id)) {
            LocalDate start =
                    REFERENCE_DATE.plusYears(6).plusDays(random.nextInt(1, 365)).withDayOfMonth(1);
            return new GeneratedPerson(id, startingOn(q, start), Optional.empty());
        }
        // The new insurance started on the first of a month; the old one ended the day before.
        LocalDate switchDay = REFERENCE_DATE.minusMonths(random.nextInt(1, 24)).withDayOfMonth(1);
        if (!switchDay.isAfter(birth)) {
            switchDay = birth.plusMonths(1).withDayOfMonth(1);
        }
        LocalDate previousStart = switchDay.minusYears(random.nextInt(1, 10));
        if (previousStart.isBefore(birth)) {
            previousStart = birth;
        }
        boolean fromKempo = !q.card().insurer().value().startsWith("01");
        String insurer =
                fromKempo ? withCheck("0113001") : withCheck(String.format("06%02d%03d", 13, random.nextInt(100, 999)));
        String insurerName = fromKempo ? "全国健康保険協会東京支部" : "受付健康保険組合";
        String symbol = fromKempo
                ? String.format("%08d", random.nextInt(1, 99_999_999))
                : Integer.toString(random.nextInt(1, 9999));
        String number = Integer.toString(random.nextInt(1, 9_999_999));
        PreviousInsurance previous = new PreviousInsurance(
                id,
                new InsuranceCardId(InsurerNumber.of(insurer), symbol, number, "00"),
                insurerName,
                previousStart,
                switchDay.minusDays(1));
        return new GeneratedPerson(id, startingOn(q, switchDay), Optional.of(previous));
    }

    private static Qualification startingOn(Qualification q, LocalDate start) {
        return new Qualification(
                q.card(),
                q.insurerName(),
                q.name(),
                q.nameKana(),
                q.birthdate(),
                q.sex(),
                q.personalFamily(),
                q.contributionRatio(),
                start);
    }

    /** One person: person 0 is always a working-age insured of 協会けんぽ (the demo patient). */
    private static Qualification generate(int index, SplittableRandom random) {
        Sex sex = random.nextBoolean() ? Sex.FEMALE : Sex.MALE;
        String[] family = FAMILY[random.nextInt(FAMILY.length)];
        String[][] givens = sex == Sex.FEMALE ? GIVEN_FEMALE : GIVEN_MALE;
        String[] given = givens[random.nextInt(givens.length)];
        int age = index == 0 ? 45 : random.nextInt(0, 96);
        LocalDate birth = REFERENCE_DATE.minusYears(age).minusDays(random.nextInt(1, 365));
        int realAge = Period.between(birth, REFERENCE_DATE).getYears();
        PersonalFamily pf = index == 0 || realAge >= 75 || random.nextInt(3) > 0
                ? PersonalFamily.INSURED
                : PersonalFamily.DEPENDANT;

        String insurer;
        String insurerName;
        String symbol;
        String number;
        int prefecture = 13;
        int kind = index == 0 ? 0 : realAge >= 75 ? 3 : random.nextInt(3);
        switch (kind) {
            case 0 -> { // 協会けんぽ
                insurer = withCheck(String.format("01%02d%03d", prefecture, 1));
                insurerName = "全国健康保険協会東京支部";
                symbol = String.format("%08d", random.nextInt(1, 99_999_999));
                number = Integer.toString(random.nextInt(1, 9_999_999));
            }
            case 1 -> { // 健保組合, or for every third of them 共済 (31–34): same draws, so the others stay as they were
                boolean mutualAid = index % 3 == 0;
                insurer = withCheck(String.format(
                        "%02d%02d%03d", mutualAid ? 31 + index % 4 : 6, prefecture, random.nextInt(100, 999)));
                insurerName = mutualAid ? "受付共済組合" : "受付健康保険組合";
                symbol = Integer.toString(random.nextInt(1, 9999));
                number = Integer.toString(random.nextInt(1, 99_999));
            }
            case 2 -> { // 国保 (6 digits)
                insurer = withCheck(String.format("%02d%03d", prefecture, random.nextInt(100, 999)));
                insurerName = "受付区国民健康保険";
                symbol = "受付" + random.nextInt(1, 99);
                number = String.format("%06d", random.nextInt(1, 999_999));
            }
            default -> { // 後期高齢者医療: no 記号, 8-digit 番号
                insurer = withCheck(String.format("39%02d%03d", prefecture, random.nextInt(100, 999)));
                insurerName = "東京都後期高齢者医療広域連合";
                symbol = "";
                number = String.format("%08d", random.nextInt(1, 99_999_999));
            }
        }
        String branch = pf == PersonalFamily.INSURED ? "00" : String.format("%02d", random.nextInt(1, 5));
        int ratio;
        if (realAge < 6) {
            ratio = 20; // 未就学児
        } else if (realAge < 70) {
            ratio = 30;
        } else if (realAge < 75) {
            ratio = 20; // 高齢受給者 (一般)
        } else {
            ratio = random.nextInt(10) == 0 ? 30 : random.nextInt(5) == 0 ? 20 : 10; // 後期: 現役並み / 一定以上 / 一般
        }
        LocalDate qualified = REFERENCE_DATE.minusDays(random.nextInt(30, 3650));
        if (qualified.isBefore(birth)) {
            qualified = birth;
        }
        return new Qualification(
                new InsuranceCardId(InsurerNumber.of(insurer), symbol, number, branch),
                insurerName,
                family[0] + "　" + given[0],
                family[1] + " " + given[1],
                birth,
                sex,
                pf,
                new ContributionRatio(ratio),
                qualified);
    }

    private static String withCheck(String body) {
        return body + CheckDigit.of(body);
    }

    /**
     * The optional blocks, derived from the person so they need no columns: 高齢受給者 for 70–74, a 限度額 category for
     * some, dialysis (特定疾病) for every 17th person and a 難病 公費 for every 13th.
     */
    static QualificationDetails details(int id, LocalDate birth, ContributionRatio ratio) {
        int age = Period.between(birth, REFERENCE_DATE).getYears();
        Optional<ElderlyRecipient> elderly = age >= 70 && age < 75
                ? Optional.of(new ElderlyRecipient(
                        REFERENCE_DATE.minusMonths(4),
                        REFERENCE_DATE.minusMonths(4),
                        REFERENCE_DATE.plusMonths(8).minusDays(1),
                        ratio))
                : Optional.empty();
        Optional<LimitCertificate> limit = id % 5 == 2
                ? Optional.of(new LimitCertificate(
                        "01",
                        age >= 70 ? LimitCategory.B04 : LimitCategory.A03,
                        REFERENCE_DATE.minusDays(14),
                        REFERENCE_DATE,
                        REFERENCE_DATE.plusYears(1).minusDays(1),
                        null))
                : Optional.empty();
        List<SpecificDiseaseCertificate> diseases = id % 17 == 5
                ? List.of(new SpecificDiseaseCertificate(
                        SpecificDisease.CHRONIC_RENAL_FAILURE_DIALYSIS,
                        REFERENCE_DATE.minusYears(2).minusDays(14),
                        REFERENCE_DATE.minusYears(2),
                        null,
                        10_000))
                : List.of();
        List<PublicExpense> expenses = List.of();
        if (id % 13 == 7) {
            String payer = "541300" + (id % 10);
            String recipient = String.format("%06d", 100_000 + id);
            expenses = List.of(new PublicExpense(
                    PublicExpensePayerNumber.of(payer + CheckDigit.of(payer)),
                    PublicExpenseRecipientNumber.of(recipient + CheckDigit.of(recipient)),
                    REFERENCE_DATE,
                    REFERENCE_DATE.plusYears(1).minusDays(1)));
            if (id % 26 == 20) { // and 精神通院 (法別 21) beside the 難病 one: two 公費
                String second = "211300" + (id % 10);
                String secondRecipient = String.format("%06d", 200_000 + id);
                expenses = List.of(
                        expenses.getFirst(),
                        new PublicExpense(
                                PublicExpensePayerNumber.of(second + CheckDigit.of(second)),
                                PublicExpenseRecipientNumber.of(secondRecipient + CheckDigit.of(secondRecipient)),
                                REFERENCE_DATE.minusMonths(6),
                                REFERENCE_DATE.plusMonths(6).minusDays(1)));
            }
        }
        return new QualificationDetails(elderly, limit, diseases, expenses);
    }
}
