package org.uketsuke.eligibility;

import java.util.ArrayList;
import java.util.List;

/**
 * 保険情報の照合: the insurance a レセコン has on record for a patient against the one the system just confirmed, field by field,
 * the way clinics compare them (docs/spec-notes/eligibility.md#comparing-insurance): 保険者番号 ignoring padding, 記号 after
 * full-/half-width normalisation, 番号 ignoring leading zeros, 枝番 exactly, 負担割合 and 本人/家族 by value. Only real differences
 * are reported, each with both values as written.
 */
public final class InsuranceComparison {

    /** The compared fields. */
    public enum Field {
        INSURER_NUMBER,
        SYMBOL,
        NUMBER,
        BRANCH,
        CONTRIBUTION_RATIO,
        PERSONAL_FAMILY
    }

    /**
     * What the レセコン holds, as text as it stores it.
     *
     * @param contributionRatio "030", "30" or "3" (割) all mean 3割
     * @param personalFamily "1"/"2" or 本人/家族
     */
    public record Stored(
            String insurerNumber,
            String symbol,
            String number,
            String branch,
            String contributionRatio,
            String personalFamily) {}

    /** One field that differs, both values as written (null or blank: the レセコン has none). */
    public record Difference(Field field, String stored, String confirmed) {}

    private InsuranceComparison() {}

    public static List<Difference> compare(Stored stored, Qualification confirmed) {
        List<Difference> differences = new ArrayList<>();
        InsuranceCardId card = confirmed.card();
        check(
                differences,
                Field.INSURER_NUMBER,
                stored.insurerNumber(),
                card.insurer().value(),
                insurer(stored.insurerNumber()).equals(insurer(card.insurer().value())));
        check(
                differences,
                Field.SYMBOL,
                stored.symbol(),
                card.symbol(),
                text(stored.symbol()).equals(text(card.symbol())));
        check(
                differences,
                Field.NUMBER,
                stored.number(),
                card.number(),
                number(stored.number()).equals(number(card.number())));
        check(
                differences,
                Field.BRANCH,
                stored.branch(),
                card.branch(),
                text(stored.branch()).equals(card.branch()));
        Integer storedPercent = percent(stored.contributionRatio());
        check(
                differences,
                Field.CONTRIBUTION_RATIO,
                stored.contributionRatio(),
                confirmed.contributionRatio().tenths() + "割",
                storedPercent != null
                        && storedPercent == confirmed.contributionRatio().percent());
        check(
                differences,
                Field.PERSONAL_FAMILY,
                stored.personalFamily(),
                confirmed.personalFamily() == PersonalFamily.INSURED ? "本人" : "家族",
                personalFamily(stored.personalFamily())
                        .equals(confirmed.personalFamily().code()));
        return differences;
    }

    private static void check(List<Difference> into, Field field, String stored, String confirmed, boolean same) {
        if (!same) {
            into.add(new Difference(field, stored, confirmed));
        }
    }

    private static String text(String value) {
        return value == null ? "" : Text.normalise(value);
    }

    /** Digits only, no padding spaces or leading zeros: "  131045" = "00131045" = "131045". */
    static String insurer(String value) {
        return number(text(value).replace(" ", ""));
    }

    static String number(String value) {
        String digits = text(value);
        String stripped = digits.replaceFirst("^0+(?=.)", "");
        return stripped;
    }

    /** Percent from "030" (message form), "30" (percent) or "3" (割); null when unreadable. */
    static @Nullable Integer percent(String value) {
        String v = text(value).replace("割", "").replace("%", "");
        if (!v.matches("\\d{1,3}")) {
            return null;
        }
        int n = Integer.parseInt(v);
        return v.length() == 3 || n > 10 ? n : n * 10;
    }

    static String personalFamily(String value) {
        String v = text(value);
        return switch (v) {
            case "本人", "1" -> "1";
            case "家族", "2" -> "2";
            default -> v;
        };
    }
}
