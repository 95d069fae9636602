package org.uketsuke.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uketsuke.fuzz.FuzzReport;
import org.uketsuke.fuzz.Fuzzer;

/**
 * What a receptionist types or a file carries, as arbitrary text: the 保険者番号, 記号・番号・枝番 and 公費 number types
 * accept it or throw {@link InvalidValueException}; {@link FieldCheck} never throws, explains every problem in ja
 * and en, and agrees with the value types (no problems exactly when the value type accepts the text).
 */
class NumberParsersFuzzTest {

    private static final String[] TOKENS = {
        "0",
        "1",
        "9",
        "０",
        "１",
        "９",
        "٣",
        "０６",
        "  ",
        "\u3000",
        "-",
        "‐",
        "−",
        "ー",
        "|",
        "\u0000",
        "\uFEFF",
        "\uD800",
        "①",
        "㍻",
        "ｶﾞ",
        "ガ",
        "😀",
        "06131010",
        "131045",
        "39131016",
        "1234567",
        "\u0301",
        "ﬀ",
        "\n"
    };

    @Test
    void numberTypesAcceptOrRefuseWithATypedErrorAndFieldCheckAgrees() {
        FuzzReport report = Fuzzer.target("NumberParsers")
                .dictionary(TOKENS)
                .maxLength(256)
                .allow(InvalidValueException.class)
                .run(bytes -> {
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    String[] fields = text.split("\\|", -1);
                    String insurer = accepts(() -> InsurerNumber.of(text));
                    agree(FieldCheck.Field.INSURER_NUMBER, text, insurer);
                    String payer = accepts(() -> PublicExpensePayerNumber.of(text));
                    agree(FieldCheck.Field.PUBLIC_EXPENSE_PAYER, text, payer);
                    String recipient = accepts(() -> PublicExpenseRecipientNumber.of(text));
                    agree(FieldCheck.Field.PUBLIC_EXPENSE_RECIPIENT, text, recipient);
                    accepts(() -> PublicExpensePayerNumber.unchecked(text).lawCode());
                    accepts(() -> PublicExpensePayerNumber.unchecked(text).prefecture());
                    accepts(() -> PublicExpenseRecipientNumber.unchecked(text));
                    for (FieldCheck.Field field : FieldCheck.Field.values()) {
                        explain(FieldCheck.check(field, text));
                    }
                    String card = accepts(() -> new InsuranceCardId(
                            InsurerNumber.of(fields[0]),
                            fields.length > 1 ? fields[1] : null,
                            fields.length > 2 ? fields[2] : null,
                            fields.length > 3 ? fields[3] : null));
                    return insurer + payer + recipient + card;
                });
        assertThat(report.totalInputs()).isGreaterThan(report.corpusInputs());
    }

    private interface Parse {
        Object parse();
    }

    private static String accepts(Parse parse) {
        try {
            parse.parse();
            return "+";
        } catch (InvalidValueException e) {
            return "-";
        }
    }

    private static void agree(FieldCheck.Field field, String text, String accepted) {
        List<FieldCheck.Problem> problems = FieldCheck.check(field, text);
        if (problems.isEmpty() != accepted.equals("+")) {
            throw new AssertionError(field + ": FieldCheck says " + problems + " but the value type "
                    + (accepted.equals("+") ? "accepts" : "refuses") + " the text");
        }
    }

    /** The app words each problem from its field, reason and detail: a reason that quotes a detail must have one. */
    private static void explain(List<FieldCheck.Problem> problems) {
        for (FieldCheck.Problem problem : problems) {
            boolean needsDetail = switch (problem.reason()) {
                case WRONG_LENGTH, CHECK_DIGIT, TOO_LONG, FORBIDDEN_CHARACTER -> true;
                case EMPTY, NOT_DIGITS -> false;
            };
            if (needsDetail && problem.detail().isEmpty()) {
                throw new AssertionError("no detail for " + problem);
            }
        }
    }
}
