package org.uketsuke.mockbackend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.medical.CheckupItem;
import org.uketsuke.eligibility.medical.CheckupResult;
import org.uketsuke.eligibility.medical.Diagnosis;
import org.uketsuke.eligibility.medical.DispensedDrug;
import org.uketsuke.eligibility.medical.MedicalQuery;
import org.uketsuke.eligibility.medical.MedicalRecords;
import org.uketsuke.eligibility.medical.Operation;
import org.uketsuke.eligibility.medical.TreatmentAct;

/**
 * A plausible medical history per person, generated from the population seed, the person and the day (same inputs,
 * same history): chronic conditions that become likelier with age, each with monthly refills at its own clinic and
 * pharmacy; a few acute episodes; yearly 特定健診 for ages 40–74 with values that drift and respond to the conditions
 * (a diabetic's HbA1c rises, a statin lowers LDL); diagnoses; the acts of care each clinic visit is claimed with;
 * now and then an operation. The system keeps about
 * three years of drugs and five of checkups, as the national one does. Drug codes are illustrative, not the
 * official master's.
 */
final class MedicalHistory {

    /** How far back the national system keeps each kind of information. */
    static final Period DRUG_YEARS = Period.ofYears(3);

    static final Period CHECKUP_YEARS = Period.ofYears(5);

    private record Drug(String code, String name, String quantity, String unit, String usage) {}

    private record Condition(
            String name,
            String icd10,
            String clinic,
            String pharmacy,
            int minAge,
            double baseRate,
            double ratePerYearOver40,
            List<Drug> drugs) {}

    private static final List<Condition> CHRONIC = List.of(
            new Condition(
                    "本態性高血圧症",
                    "I10",
                    "本町内科クリニック",
                    "さくら薬局 本町店",
                    30,
                    0.04,
                    0.012,
                    List.of(
                            new Drug("610443047", "アムロジピン錠５ｍｇ「サワイ」", "1", "錠", "1日1回朝食後"),
                            new Drug("622146901", "オルメサルタン錠２０ｍｇ「ＤＳＥＰ」", "1", "錠", "1日1回朝食後"))),
            new Condition(
                    "２型糖尿病",
                    "E11",
                    "本町内科クリニック",
                    "さくら薬局 本町店",
                    35,
                    0.02,
                    0.006,
                    List.of(
                            new Drug("620004867", "メトホルミン塩酸塩錠２５０ｍｇＭＴ「トーワ」", "4", "錠", "1日2回朝夕食後"),
                            new Drug("620007612", "ジャヌビア錠５０ｍｇ", "1", "錠", "1日1回朝食後"))),
            new Condition(
                    "脂質異常症",
                    "E78.5",
                    "本町内科クリニック",
                    "さくら薬局 本町店",
                    30,
                    0.05,
                    0.01,
                    List.of(new Drug("622083601", "ロスバスタチン錠２．５ｍｇ「サワイ」", "1", "錠", "1日1回夕食後"))),
            new Condition(
                    "逆流性食道炎",
                    "K21.0",
                    "あおば消化器内科",
                    "あおば調剤薬局",
                    20,
                    0.04,
                    0.003,
                    List.of(new Drug("622031101", "ランソプラゾールＯＤ錠１５ｍｇ「トーワ」", "1", "錠", "1日1回朝食後"))),
            new Condition(
                    "不眠症",
                    "G47.0",
                    "みなと心療内科",
                    "みなと薬局",
                    20,
                    0.03,
                    0.002,
                    List.of(new Drug("620003403", "ゾルピデム酒石酸塩錠５ｍｇ「サワイ」", "1", "錠", "1日1回就寝前"))));

    private record Acute(String diagnosis, String icd10, String clinic, String pharmacy, int days, List<Drug> drugs) {}

    private static final List<Acute> ACUTE = List.of(
            new Acute(
                    "急性上気道炎",
                    "J06.9",
                    "みなと耳鼻咽喉科",
                    "ひまわり薬局 駅前店",
                    5,
                    List.of(
                            new Drug("620000033", "カロナール錠２００", "3", "錠", "1日3回毎食後"),
                            new Drug("620009321", "カルボシステイン錠５００ｍｇ「トーワ」", "3", "錠", "1日3回毎食後"))),
            new Acute(
                    "腰痛症",
                    "M54.5",
                    "あおば整形外科",
                    "あおば調剤薬局",
                    7,
                    List.of(
                            new Drug("620098801", "ロキソプロフェンＮａ錠６０ｍｇ「サワイ」", "3", "錠", "1日3回毎食後"),
                            new Drug("620099101", "レバミピド錠１００ｍｇ「トーワ」", "3", "錠", "1日3回毎食後"))),
            new Acute(
                    "急性気管支炎",
                    "J20.9",
                    "本町内科クリニック",
                    "さくら薬局 本町店",
                    7,
                    List.of(new Drug("620004511", "クラリスロマイシン錠２００ｍｇ「サワイ」", "2", "錠", "1日2回朝夕食後"))),
            new Acute(
                    "アレルギー性鼻炎",
                    "J30.4",
                    "みなと耳鼻咽喉科",
                    "ひまわり薬局 駅前店",
                    14,
                    List.of(new Drug("622046201", "フェキソフェナジン塩酸塩錠６０ｍｇ「サワイ」", "2", "錠", "1日2回朝夕食後"))));

    private record Procedure(String name, String code) {}

    private static final List<Procedure> OPERATIONS = List.of(
            new Procedure("腹腔鏡下胆嚢摘出術", "K672-2"),
            new Procedure("水晶体再建術（眼内レンズを挿入する場合）", "K282"),
            new Procedure("虫垂切除術（虫垂周囲膿瘍を伴わないもの）", "K718"),
            new Procedure("内視鏡的大腸ポリープ・粘膜切除術", "K721"));

    /** Acts of care a visit is claimed with (codes illustrative, in the shape of the fee schedule's 9 digits). */
    private static final Procedure FIRST_VISIT = new Procedure("初診料", "111000110");

    private static final Procedure RETURN_VISIT = new Procedure("再診料", "112007410");
    private static final Procedure PRESCRIPTION = new Procedure("処方箋料（その他）", "120002910");

    private static final String HOSPITAL = "市立総合病院";
    private static final String CHECKUP_CENTRE = "市民健診センター";

    private final List<DispensedDrug> drugs = new ArrayList<>();
    private final List<CheckupResult> checkups = new ArrayList<>();
    private final List<Diagnosis> diagnoses = new ArrayList<>();
    private final List<Operation> operations = new ArrayList<>();
    private final List<TreatmentAct> acts = new ArrayList<>();

    private MedicalHistory() {}

    /** A clinic visit as its claim shows it: the visit fee and the prescription, once per clinic and day. */
    private void visit(LocalDate date, String clinic, boolean first) {
        boolean claimed = acts.stream()
                .anyMatch(a -> a.date().equals(date) && a.facility().equals(clinic));
        if (!claimed) {
            for (Procedure p : List.of(first ? FIRST_VISIT : RETURN_VISIT, PRESCRIPTION)) {
                acts.add(new TreatmentAct(date, p.name(), p.code(), BigDecimal.ONE, 1, "", clinic));
            }
        }
    }

    /** The history of {@code person} as it stands on {@code today} (Japan date). */
    static MedicalHistory of(long seed, int personId, Qualification person, LocalDate today) {
        MedicalHistory h = new MedicalHistory();
        SplittableRandom random = new SplittableRandom(seed * 7_919L + personId * 104_729L);
        int age = Period.between(person.birthdate(), today).getYears();
        LocalDate drugsFrom = today.minus(DRUG_YEARS);

        List<Condition> conditions = new ArrayList<>();
        Map<Condition, LocalDate> onset = new HashMap<>();
        for (Condition c : CHRONIC) {
            double rate = age < c.minAge() ? 0 : c.baseRate() + Math.max(0, age - 40) * c.ratePerYearOver40();
            if (random.nextDouble() < Math.min(rate, 0.6)) {
                conditions.add(c);
                // Onset up to eight years back, never before the age the condition starts at.
                LocalDate start = today.minusDays(30 + random.nextInt(8 * 365));
                LocalDate earliest = person.birthdate().plusYears(c.minAge());
                onset.put(c, start.isBefore(earliest) ? earliest : start);
                h.diagnoses.add(new Diagnosis(onset.get(c), c.name(), c.icd10(), c.clinic()));
            }
        }
        for (Condition c : conditions) {
            int drugCount = 1 + (c.drugs().size() > 1 && random.nextDouble() < 0.4 ? 1 : 0);
            LocalDate visit = onset.get(c);
            while (!visit.isAfter(today)) {
                if (!visit.isBefore(drugsFrom)) {
                    for (Drug d : c.drugs().subList(0, drugCount)) {
                        h.drugs.add(drug(visit, d, 28, c.pharmacy(), c.clinic()));
                    }
                    h.visit(visit, c.clinic(), false);
                }
                visit = visit.plusDays(28 + random.nextInt(4));
            }
        }
        int episodes = random.nextInt(age < 15 || age > 65 ? 7 : 4);
        for (int i = 0; i < episodes; i++) {
            Acute a = ACUTE.get(random.nextInt(ACUTE.size()));
            LocalDate date = today.minusDays(1 + random.nextInt(3 * 365));
            h.diagnoses.add(new Diagnosis(date, a.diagnosis(), a.icd10(), a.clinic()));
            for (Drug d : a.drugs()) {
                h.drugs.add(drug(date, d, a.days(), a.pharmacy(), a.clinic()));
            }
            h.visit(date, a.clinic(), true);
        }
        if (age > 30 && random.nextDouble() < 0.2) {
            Procedure p = OPERATIONS.get(random.nextInt(OPERATIONS.size()));
            LocalDate date = today.minusDays(60 + random.nextInt(10 * 365));
            h.operations.add(new Operation(date, p.name(), p.code(), HOSPITAL));
        }
        h.checkups(random, person, today, conditions, onset);

        h.drugs.sort(Comparator.comparing(DispensedDrug::dispensed).reversed());
        h.acts.sort(Comparator.comparing(TreatmentAct::date).reversed());
        h.checkups.sort(Comparator.comparing(CheckupResult::date).reversed());
        h.diagnoses.sort(Comparator.comparing(Diagnosis::date).reversed());
        h.operations.sort(Comparator.comparing(Operation::date).reversed());
        return h;
    }

    private static DispensedDrug drug(LocalDate date, Drug d, int days, String pharmacy, String clinic) {
        return new DispensedDrug(
                date, d.code(), d.name(), new BigDecimal(d.quantity()), d.unit(), d.usage(), days, pharmacy, clinic);
    }

    /** 特定健診 once a fiscal year (in early summer) for the years the person was 40–74, up to five years back. */
    private void checkups(
            SplittableRandom random,
            Qualification person,
            LocalDate today,
            List<Condition> conditions,
            Map<Condition, LocalDate> onset) {
        boolean male = person.sex() == Sex.MALE;
        double bmi = 20 + random.nextDouble() * 7;
        double bmiDrift = (random.nextDouble() - 0.4) * 0.5;
        double sbp = 112 + random.nextDouble() * 20;
        double hba1c = 5.1 + random.nextDouble() * 0.6;
        double ldl = 95 + random.nextDouble() * 60;
        double hdl = (male ? 42 : 52) + random.nextDouble() * 22;
        double tg = 70 + random.nextDouble() * 110;
        double ast = 15 + random.nextDouble() * 14;
        double alt = 12 + random.nextDouble() * 22;
        double ggt = (male ? 22 : 14) + random.nextDouble() * 45;
        for (int back = 4; back >= 0; back--) {
            LocalDate date = LocalDate.of(today.getYear() - back, 6, 1).plusDays(random.nextInt(60));
            if (date.isAfter(today) || date.isBefore(today.minus(CHECKUP_YEARS))) {
                continue;
            }
            int age = Period.between(person.birthdate(), date).getYears();
            int years = 4 - back;
            if (age < 40 || age > 74) {
                continue;
            }
            double b = bmi + bmiDrift * years + noise(random, 0.3);
            double s = sbp + years * 1.2 + noise(random, 5);
            double a1c = hba1c + years * 0.03 + noise(random, 0.1);
            double l = ldl + noise(random, 8);
            for (Condition c : conditions) {
                boolean before = date.isBefore(onset.get(c));
                switch (c.icd10()) {
                    case "I10" -> s += before ? 14 + years * 2 : 6;
                    case "E11" -> a1c += before ? 0.8 + years * 0.2 : 1.0;
                    case "E78.5" -> l += before ? 35 : -25;
                    default -> {}
                }
            }
            Map<CheckupItem, BigDecimal> v = new EnumMap<>(CheckupItem.class);
            v.put(CheckupItem.BMI, round(b, 1));
            v.put(CheckupItem.WAIST, round(b * 3.2 + (male ? 6 : 2) + noise(random, 1.5), 1));
            v.put(CheckupItem.SYSTOLIC_BP, round(s, 0));
            v.put(CheckupItem.DIASTOLIC_BP, round(s * 0.62 + noise(random, 3), 0));
            v.put(CheckupItem.HBA1C, round(a1c, 1));
            v.put(CheckupItem.FASTING_GLUCOSE, round(a1c * 28.7 - 64 + noise(random, 5), 0));
            v.put(CheckupItem.LDL, round(l, 0));
            v.put(CheckupItem.HDL, round(hdl + noise(random, 3), 0));
            v.put(CheckupItem.TRIGLYCERIDES, round(tg + (b - 22) * 8 + noise(random, 20), 0));
            v.put(CheckupItem.AST, round(ast + noise(random, 3), 0));
            v.put(CheckupItem.ALT, round(alt + (b - 22) * 1.5 + noise(random, 3), 0));
            v.put(CheckupItem.GGT, round(ggt + noise(random, 6), 0));
            checkups.add(new CheckupResult(date, CHECKUP_CENTRE, v));
        }
    }

    private static double noise(SplittableRandom random, double spread) {
        return (random.nextDouble() * 2 - 1) * spread;
    }

    private static BigDecimal round(double value, int scale) {
        return BigDecimal.valueOf(Math.max(value, 1)).setScale(scale, RoundingMode.HALF_UP);
    }

    /** The records of the query's category within its date range, newest first. */
    MedicalRecords records(MedicalQuery query) {
        return switch (query.category()) {
            case DRUG ->
                new MedicalRecords.Drugs(
                        drugs.stream().filter(d -> query.covers(d.dispensed())).toList(),
                        query.withTreatments()
                                ? acts.stream()
                                        .filter(a -> query.covers(a.date()))
                                        .toList()
                                : List.of());
            case CHECKUP ->
                new MedicalRecords.Checkups(
                        checkups.stream().filter(c -> query.covers(c.date())).toList());
            case TREATMENT ->
                new MedicalRecords.Diagnoses(
                        diagnoses.stream().filter(d -> query.covers(d.date())).toList());
            case OPERATION ->
                new MedicalRecords.Operations(
                        operations.stream().filter(o -> query.covers(o.date())).toList());
            case LIMIT_INFO, SPECIFIC_DISEASE ->
                throw new IllegalArgumentException(query.category() + " is not a record");
        };
    }
}
