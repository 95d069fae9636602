package org.uketsuke.reliability;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.chrono.JapaneseDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.mockbackend.MockBackend;

/**
 * The personal values of the generated populations the tests and tools run on (every seed they use, the largest count
 * each uses): names in kanji and kana, insurance cards (保険者番号 or 記号 together with 番号) and birth dates — so a
 * log scan finds them in any form they are written in: full- or half-width (lines are NFKC-normalised), any or no
 * space between family and given name, ISO / compact / slashed / 和暦 dates.
 */
final class PopulationValues {

    /** Seed → people of the populations in use (MockBackendConfig in tests, the demo's 42, the soak's 200). */
    private static final Map<Long, Integer> POPULATIONS = Map.ofEntries(
            Map.entry(3L, 200),
            Map.entry(4L, 200),
            Map.entry(5L, 200),
            Map.entry(7L, 200),
            Map.entry(9L, 200),
            Map.entry(11L, 200),
            Map.entry(13L, 200),
            Map.entry(17L, 200),
            Map.entry(19L, 200),
            Map.entry(23L, 200),
            Map.entry(29L, 200),
            Map.entry(31L, 200),
            Map.entry(37L, 200),
            Map.entry(42L, 1000),
            Map.entry(20261203L, 200));

    /**
     * Birth dates after this are not looked for: a child's birth date shares its years with qualification dates and
     * the tests' own fixed days, which are not personal.
     */
    private static final LocalDate BIRTH_DATES_BEFORE = LocalDate.of(2016, 1, 1);

    private static final DateTimeFormatter WAREKI = DateTimeFormatter.ofPattern("GGGGy年M月d日", Locale.JAPAN);

    static final PopulationValues IN_USE = of(POPULATIONS.entrySet().stream()
            .flatMap(e -> MockBackend.population(e.getKey(), e.getValue()).stream())
            .toList());

    private final Pattern name;
    /** 番号 → the 記号 and 保険者番号 that make it one person's card. */
    private final Map<String, List<Set<String>>> cards;

    private final Pattern birthDate;

    private PopulationValues(Pattern name, Map<String, List<Set<String>>> cards, Pattern birthDate) {
        this.name = name;
        this.cards = cards;
        this.birthDate = birthDate;
    }

    static PopulationValues of(List<Qualification> people) {
        Set<String> families = new TreeSet<>();
        Set<String> givens = new TreeSet<>();
        Map<String, List<Set<String>>> cards = new HashMap<>();
        Set<String> dates = new HashSet<>();
        for (Qualification q : people) {
            for (String full : List.of(q.name(), q.nameKana())) {
                String[] parts = normalise(full).split(" ", 2);
                if (parts.length == 2) {
                    families.add(Pattern.quote(parts[0]));
                    givens.add(Pattern.quote(parts[1]));
                }
            }
            InsuranceCardId card = q.card();
            // Short 番号 are not looked for: "7" or "42" is in every log; the shapes in use are 5–8 digits.
            if (card.number().length() >= 4) {
                Set<String> companions = new HashSet<>();
                companions.add(card.insurer().value());
                if (card.symbol().length() >= 2) {
                    companions.add(normalise(card.symbol()));
                }
                cards.computeIfAbsent(card.number(), n -> new ArrayList<>()).add(companions);
            }
            LocalDate birth = q.birthdate();
            if (birth.isBefore(BIRTH_DATES_BEFORE)) {
                dates.add(birth.toString());
                dates.add(birth.toString().replace("-", ""));
                dates.add(birth.toString().replace('-', '/'));
                dates.add(normalise(WAREKI.format(JapaneseDate.from(birth))));
            }
        }
        Pattern name = Pattern.compile("(" + String.join("|", families) + ") ?(" + String.join("|", givens) + ")");
        Pattern birthDate = Pattern.compile("(?<![0-9A-Za-z])("
                + dates.stream().map(Pattern::quote).collect(Collectors.joining("|"))
                + ")(?![0-9])");
        return new PopulationValues(name, cards, birthDate);
    }

    /** Full-width digits and kana, ideographic spaces: as NFKC writes them. */
    static String normalise(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC);
    }

    boolean hasName(String normalisedLine) {
        return name.matcher(normalisedLine).find();
    }

    /** A 番号 standing as its own token beside that card's 記号 or 保険者番号. */
    boolean hasInsuranceCard(String normalisedLine) {
        Set<String> tokens =
                new HashSet<>(List.of(normalisedLine.split("[^0-9A-Za-z\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]+")));
        for (String token : tokens) {
            List<Set<String>> withNumber = cards.get(token);
            if (withNumber != null
                    && withNumber.stream().anyMatch(c -> c.stream().anyMatch(tokens::contains))) {
                return true;
            }
        }
        return false;
    }

    boolean hasBirthDate(String normalisedLine) {
        return birthDate.matcher(normalisedLine).find();
    }
}
