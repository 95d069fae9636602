package org.uketsuke.eligibility.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;
import org.uketsuke.eligibility.CheckDigit;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentKind;
import org.uketsuke.eligibility.ConsentRecord;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.ElderlyRecipient;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuredCardClassification;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.LimitCategory;
import org.uketsuke.eligibility.LimitCertificate;
import org.uketsuke.eligibility.MedicalSubsidies;
import org.uketsuke.eligibility.MedicalSubsidy;
import org.uketsuke.eligibility.MedicalTicket;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.PublicExpense;
import org.uketsuke.eligibility.PublicExpensePayerNumber;
import org.uketsuke.eligibility.PublicExpenseRecipientNumber;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.QualificationDetails;
import org.uketsuke.eligibility.ReferenceNumber;
import org.uketsuke.eligibility.ResultParticulars;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.SpecificDisease;
import org.uketsuke.eligibility.SpecificDiseaseCertificate;
import org.uketsuke.eligibility.SubsidyCopay;
import org.uketsuke.eligibility.SubsidyKind;
import org.uketsuke.fuzz.FuzzReport;
import org.uketsuke.fuzz.Fuzzer;

/**
 * Encode → decode is the identity for generated results (quicktheories, fixed seed, shrinking on failure): every
 * field, both character codes, the optional blocks, text with markup characters, kana, kanji, full-width spaces and
 * characters outside Shift_JIS. {@code -Duketsuke.fuzz=N} or {@code =30s} (or {@code -Duketsuke.fuzz.ResultRoundTrip=…})
 * runs N examples or that long.
 */
class ResultRoundTripPropertyTest {

    /** Text as the national system sends it: markup characters, kana, kanji, ideographic spaces, astral characters. */
    private static final String ALPHABET = "AZaz09-_.&<>\"'/;:=#%+ 　ｱｲｳｶﾞｰア受付花子高齢髙﨑～①ⅡΩЖ\u00A0\t😀𠮷";

    @Test
    void everyGeneratedResultSurvivesTheRoundTrip() {
        AtomicLong count = new AtomicLong();
        String budget = System.getProperty("uketsuke.fuzz.ResultRoundTrip", System.getProperty("uketsuke.fuzz", ""));
        long seed = Long.getLong("uketsuke.fuzz.seed", 20261203L);
        QuickTheory theory = qt().withFixedSeed(seed);
        int examples = 2_000;
        if (budget.matches("\\d+")) {
            examples = Integer.parseInt(budget);
            theory = theory.withExamples(examples);
        } else if (budget.matches("\\d+[smh]")) {
            long amount = Long.parseLong(budget.substring(0, budget.length() - 1));
            TimeUnit unit = switch (budget.charAt(budget.length() - 1)) {
                case 's' -> TimeUnit.SECONDS;
                case 'm' -> TimeUnit.MINUTES;
                default -> TimeUnit.HOURS;
            };
            theory = theory.withUnlimitedExamples().withTestingTime(amount, unit);
            examples = 1;
        } else {
            theory = theory.withExamples(examples);
        }
        long started = System.nanoTime();
        theory.forAll(results()).checkAssert(message -> {
            count.incrementAndGet();
            ResultMessage back = parse(QualificationXml.write(message));
            assertThat(back).isEqualTo(message);
        });
        Fuzzer.record(new FuzzReport(
                "ResultRoundTrip", 0, count.get(), Duration.ofNanos(System.nanoTime() - started), seed, 1));
        assertThat(count.get()).isGreaterThanOrEqualTo(examples * 9L / 10); // quicktheories skips repeats
    }

    private static ResultMessage parse(byte[] xml) {
        try {
            return QualificationXml.parseResult(xml);
        } catch (MalformedMessageException e) {
            throw new AssertionError("our own output does not parse: " + e.getMessage(), e);
        }
    }

    // ---- generators -----------------------------------------------------------------------------------------------

    static Gen<ResultMessage> results() {
        return in -> {
            List<Qualification> qualifications = new ArrayList<>();
            int n = (int) in.next(Constraint.between(0, 3));
            for (int i = 0; i < n; i++) {
                qualifications.add(qualification(in));
            }
            return new ResultMessage(
                    digits(in, 14),
                    maybe(in) ? digits(in, 8) : null,
                    maybe(in) ? digits(in, 10) : null,
                    maybe(in) ? text(in, 1, 20) : null,
                    pick(in, "1", "2", null),
                    pick(in, "1", "2", "9"),
                    maybe(in) ? text(in, 1, 8) : null,
                    maybe(in) ? text(in, 1, 40) : null,
                    pick(in, CharacterCode.UTF_8, CharacterCode.SHIFT_JIS),
                    pick(in, "1", "2", null),
                    maybe(in) ? digits(in, 4) : null,
                    maybe(in) ? text(in, 1, 40) : null,
                    pick(in, "1", "2", "3", "4", null),
                    qualifications,
                    pick(in, "1", "2", null));
        };
    }

    private static Qualification qualification(RandomnessSource in) {
        InsuranceCardId card = new InsuranceCardId(
                insurer(in), maybe(in) ? text(in, 1, 12) : "", "N" + text(in, 1, 12), maybe(in) ? digits(in, 2) : "");
        return new Qualification(
                card,
                maybe(in) ? text(in, 1, 20) : "",
                maybe(in) ? text(in, 1, 20) : "",
                maybe(in) ? text(in, 1, 20) : "",
                date(in),
                pick(in, Sex.values()),
                pick(in, PersonalFamily.values()),
                ratio(in),
                maybe(in) ? date(in) : null,
                details(in),
                maybe(in) ? Optional.of(new ReferenceNumber(digits(in, 10))) : Optional.empty(),
                particulars(in));
    }

    /** Every other element; each present or not, the consents of every kind with or without their times. */
    private static ResultParticulars particulars(RandomnessSource in) {
        List<ConsentRecord> consents = new ArrayList<>();
        for (ConsentKind kind : ConsentKind.values()) {
            if (maybe(in)) {
                consents.add(new ConsentRecord(
                        kind,
                        pick(in, Consent.values()),
                        maybe(in) ? digits(in, 14) : null,
                        kind.expiring() && maybe(in) ? digits(in, 14) : null));
            }
        }
        List<MedicalTicket> tickets = new ArrayList<>();
        for (int i = 0, n = (int) in.next(Constraint.between(0, 2)); i < n; i++) {
            tickets.add(new MedicalTicket(
                    pick(in, "1", "2"),
                    PublicExpensePayerNumber.of(checked(in, 7)),
                    PublicExpenseRecipientNumber.of(checked(in, 6)),
                    optionalDate(in),
                    optionalDate(in)));
        }
        return new ResultParticulars(
                new InsuredCardClassification(pick(in, InsuredCardClassification.KNOWN.toArray(String[]::new))),
                maybe(in) ? text(in, 1, 20) : null,
                maybe(in) ? text(in, 1, 20) : null,
                maybe(in) ? text(in, 1, 20) : null,
                pick(in, "1", "2", "3", null),
                maybe(in) ? text(in, 1, 60) : null,
                maybe(in) ? digits(in, 3) + "-" + digits(in, 4) : null,
                optionalDate(in),
                optionalDate(in),
                optionalDate(in),
                optionalDate(in),
                pick(in, "1", null),
                pick(in, "01", "02", "03", "99", null),
                consents,
                tickets,
                subsidies(in));
    }

    /** The PMH answer: every status, and for a provided one up to two 受給者証, numbers checked or not. */
    private static MedicalSubsidies subsidies(RandomnessSource in) {
        MedicalSubsidies.Status status = pick(in, MedicalSubsidies.Status.values());
        List<MedicalSubsidy> subsidies = new ArrayList<>();
        for (int i = 0, n = status == MedicalSubsidies.Status.PROVIDED ? (int) in.next(Constraint.between(0, 2)) : 0;
                i < n;
                i++) {
            LocalDate start = date(in);
            subsidies.add(new MedicalSubsidy(
                    pick(in, SubsidyKind.values()),
                    maybe(in)
                            ? PublicExpensePayerNumber.of(checked(in, 7))
                            : PublicExpensePayerNumber.unchecked(brokenCheck(in, 7)),
                    maybe(in) ? PublicExpenseRecipientNumber.of(checked(in, 6)) : null,
                    maybe(in) ? text(in, 1, 12) : null,
                    start,
                    maybe(in) ? start.plusDays(in.next(Constraint.between(0, 4000))) : null,
                    new SubsidyCopay(
                            maybe(in) ? (int) in.next(Constraint.between(0, 9_999_999)) : null,
                            maybe(in) ? (int) in.next(Constraint.between(0, 9_999_999)) : null)));
        }
        return new MedicalSubsidies(status, subsidies);
    }

    private static QualificationDetails details(RandomnessSource in) {
        Optional<ElderlyRecipient> elderly = maybe(in)
                ? Optional.of(new ElderlyRecipient(optionalDate(in), optionalDate(in), optionalDate(in), ratio(in)))
                : Optional.empty();
        Optional<LimitCertificate> limit = maybe(in)
                ? Optional.of(new LimitCertificate(
                        pick(in, "01", "02", "03"),
                        pick(in, LimitCategory.values()),
                        optionalDate(in),
                        optionalDate(in),
                        optionalDate(in),
                        optionalDate(in)))
                : Optional.empty();
        List<SpecificDiseaseCertificate> diseases = new ArrayList<>();
        for (int i = 0, n = (int) in.next(Constraint.between(0, 2)); i < n; i++) {
            diseases.add(new SpecificDiseaseCertificate(
                    pick(in, SpecificDisease.values()), optionalDate(in), optionalDate(in), optionalDate(in), (int)
                            in.next(Constraint.between(0, 100_000))));
        }
        List<PublicExpense> expenses = new ArrayList<>();
        for (int i = 0, n = (int) in.next(Constraint.between(0, 2)); i < n; i++) {
            expenses.add(new PublicExpense(
                    PublicExpensePayerNumber.of(checked(in, 7)),
                    PublicExpenseRecipientNumber.of(checked(in, 6)),
                    optionalDate(in),
                    optionalDate(in)));
        }
        return new QualificationDetails(elderly, limit, diseases, expenses);
    }

    private static InsurerNumber insurer(RandomnessSource in) {
        return InsurerNumber.of(checked(in, maybe(in) ? 7 : 5));
    }

    private static String checked(RandomnessSource in, int bodyLength) {
        String body = digits(in, bodyLength);
        return body + CheckDigit.of(body);
    }

    private static ContributionRatio ratio(RandomnessSource in) {
        return new ContributionRatio(10 * (int) in.next(Constraint.between(0, 10)));
    }

    private static LocalDate date(RandomnessSource in) {
        return LocalDate.ofEpochDay(in.next(Constraint.between(
                LocalDate.of(1900, 1, 1).toEpochDay(),
                LocalDate.of(2099, 12, 31).toEpochDay())));
    }

    private static LocalDate optionalDate(RandomnessSource in) {
        return maybe(in) ? date(in) : null;
    }

    private static boolean maybe(RandomnessSource in) {
        return in.next(Constraint.between(0, 1)) == 1;
    }

    @SafeVarargs
    private static <T> T pick(RandomnessSource in, T... values) {
        return values[(int) in.next(Constraint.between(0, values.length - 1))];
    }

    /** A number whose last digit is not the check digit (a local programme's number that breaks the rule). */
    private static String brokenCheck(RandomnessSource in, int bodyLength) {
        String body = digits(in, bodyLength);
        return body + (CheckDigit.of(body) + 1) % 10;
    }

    private static String digits(RandomnessSource in, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) ('0' + in.next(Constraint.between(0, 9))));
        }
        return out.toString();
    }

    /** Text without leading or trailing white space (the codec trims, as the official files need). */
    private static String text(RandomnessSource in, int min, int max) {
        int[] alphabet = ALPHABET.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        int length = (int) in.next(Constraint.between(min, max));
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(alphabet[(int) in.next(Constraint.between(0, alphabet.length - 1))]);
        }
        String stripped = out.toString().strip();
        return stripped.isEmpty() ? "X" : stripped;
    }
}
