package org.uketsuke.folders.face;

import java.text.Normalizer;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.uketsuke.bridge.store.JdbcRececonStore.StoredInsurance;
import org.uketsuke.eligibility.InsuranceComparison;
import org.uketsuke.eligibility.InsuranceComparison.Difference;
import org.uketsuke.eligibility.InsuranceComparison.Field;
import org.uketsuke.eligibility.Qualification;

/**
 * Matches a confirmed qualification to the stored patients born the same day, the way レセコン and the public
 * clinic-side programs do (docs/spec-notes/face-files.md#matching-a-result-to-a-patient): the 照会番号 first, then
 * 保険者番号 + 記号 + 番号 + 枝番 (compared as {@link InsuranceComparison} compares them: padding, width and leading zeros
 * ignored), then 氏名カナ + 生年月日 as a candidate only. Pure: the rows come from the caller.
 */
public final class PatientMatching {

    private static final Set<Field> CARD = Set.of(Field.INSURER_NUMBER, Field.SYMBOL, Field.NUMBER, Field.BRANCH);

    private PatientMatching() {}

    /** @param born the stored insurances of patients with the confirmed birth date */
    public static PatientMatch match(Qualification confirmed, List<StoredInsurance> born) {
        String kana = kana(confirmed.nameKana());
        String reference = confirmed.referenceNumber().map(r -> r.value()).orElse(null);
        List<StoredInsurance> byReference = reference == null
                ? List.of()
                : born.stream()
                        .filter(row -> reference.equals(row.referenceNumber()))
                        .toList();
        if (!byReference.isEmpty()) {
            Set<String> people =
                    byReference.stream().map(row -> kana(row.nameKana())).collect(Collectors.toSet());
            if (people.size() > 1) {
                return new PatientMatch.Ambiguous(byReference);
            }
            return matched(PatientMatch.By.REFERENCE_NUMBER, confirmed, byReference, born);
        }
        List<StoredInsurance> byCard =
                born.stream().filter(row -> sameCard(row, confirmed)).toList();
        if (byCard.size() > 1
                || (byCard.size() == 1 && !kana(byCard.getFirst().nameKana()).equals(kana))) {
            return new PatientMatch.Ambiguous(byCard);
        }
        if (byCard.size() == 1) {
            return matched(PatientMatch.By.INSURANCE, confirmed, byCard, born);
        }
        List<PatientMatch.Compared> sameName = born.stream()
                .filter(row -> kana(row.nameKana()).equals(kana))
                .map(row -> compared(row, confirmed))
                .toList();
        return sameName.isEmpty() ? new PatientMatch.Unknown() : new PatientMatch.Candidate(sameName);
    }

    /**
     * The row with the confirmed card when there is one, else the latest; every row of the person (same kana or same
     * 照会番号) without the confirmed card is outdated.
     */
    private static PatientMatch matched(
            PatientMatch.By by, Qualification confirmed, List<StoredInsurance> found, List<StoredInsurance> born) {
        StoredInsurance patient = found.stream()
                .filter(row -> sameCard(row, confirmed))
                .findFirst()
                .orElse(found.getFirst());
        String kana = kana(patient.nameKana());
        List<PatientMatch.Compared> outdated = born.stream()
                .filter(row -> !sameCard(row, confirmed))
                .filter(row -> kana(row.nameKana()).equals(kana)
                        || (row.referenceNumber() != null
                                && Objects.equals(row.referenceNumber(), patient.referenceNumber())))
                .map(row -> compared(row, confirmed))
                .toList();
        return new PatientMatch.Matched(
                by,
                patient,
                sameCard(patient, confirmed) ? compared(patient, confirmed).differences() : List.of(),
                outdated);
    }

    static boolean sameCard(StoredInsurance row, Qualification confirmed) {
        return compared(row, confirmed).differences().stream().noneMatch(d -> CARD.contains(d.field()));
    }

    private static PatientMatch.Compared compared(StoredInsurance row, Qualification confirmed) {
        List<Difference> differences = InsuranceComparison.compare(
                new InsuranceComparison.Stored(
                        row.insurerNumber(),
                        row.symbol(),
                        row.number(),
                        row.branch(),
                        row.contributionRatio(),
                        row.personalFamily()),
                confirmed);
        return new PatientMatch.Compared(row, differences);
    }

    /** Kana as written anywhere: half- or full-width, with or without the space between family and given name. */
    static String kana(String value) {
        return value == null
                ? ""
                : Normalizer.normalize(value, Normalizer.Form.NFKC).replaceAll("\\s", "");
    }
}
