package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uketsuke.bridge.csv.BookedPatientsCsv;
import org.uketsuke.eligibility.FieldCheck;
import org.uketsuke.eligibility.InsuranceComparison;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.medical.CheckupItem;

/** The words for the reasons the libraries report as data, in both languages (moved here with the texts). */
class ReasonTextsTest {

    private static final Messages JA = new Messages(Messages.JAPANESE);
    private static final Messages EN = new Messages(Messages.ENGLISH);

    @Test
    void theValidatorsProblemsReadAsSentences() {
        FieldCheck.Problem checkDigit =
                FieldCheck.check(FieldCheck.Field.INSURER_NUMBER, "33120016").getFirst();
        assertThat(ReasonTexts.fieldProblem(checkDigit, JA)).isEqualTo("保険者番号の検証番号（最後の桁）は5のはずです。番号をご確認ください。");
        assertThat(ReasonTexts.fieldProblem(checkDigit, EN))
                .isEqualTo("The check digit (last digit) of the insurer number should be 5. Please check the number.");
        assertThat(ReasonTexts.fieldProblem(
                        FieldCheck.check(FieldCheck.Field.NUMBER, "").getFirst(), EN))
                .isEqualTo("Please enter the number (番号).");
    }

    @Test
    void aBookedPatientsListsProblemsNameTheirLineAndColumn() {
        String text = "保険者番号,記号,番号,枝番,生年月日\n"
                + "01130013,1,2,00,19700101\n"
                + "01130012,1,4,00,19700101\n"
                + "01130012,1,4,00,1970-01-01\n";
        var problems =
                BookedPatientsCsv.read(text.getBytes(StandardCharsets.UTF_8)).problems();
        assertThat(ReasonTexts.csvProblem(problems.getFirst(), JA))
                .startsWith("2行目: ")
                .contains("検証番号");
        assertThat(ReasonTexts.csvProblem(problems.getFirst(), EN))
                .startsWith("line 2: ")
                .contains("check digit");
        assertThat(ReasonTexts.csvProblem(problems.getLast(), JA)).isEqualTo("4行目: 3行目と同じ患者です");
        assertThat(ReasonTexts.csvProblem(problems.getLast(), EN)).isEqualTo("line 4: the same patient as line 3");
        var missing = BookedPatientsCsv.read("患者ID,氏名\nP1,受付\n".getBytes(StandardCharsets.UTF_8))
                .problems();
        assertThat(ReasonTexts.csvProblem(missing.getFirst(), JA)).isEqualTo("1行目: 列「保険者番号」がありません");
        assertThat(ReasonTexts.csvProblem(missing.getFirst(), EN))
                .isEqualTo("line 1: the column \"insurer_number\" is missing");
    }

    @Test
    void aDifferenceShowsBothValuesAndADashForNone() {
        var ratio = new InsuranceComparison.Difference(InsuranceComparison.Field.CONTRIBUTION_RATIO, "020", "3割");
        assertThat(ReasonTexts.difference(ratio, JA)).isEqualTo("負担割合: 登録 020 / 確認 3割");
        var family = new InsuranceComparison.Difference(InsuranceComparison.Field.PERSONAL_FAMILY, "1", "家族");
        assertThat(ReasonTexts.difference(family, EN)).isEqualTo("insured / dependant: stored 1 / confirmed 家族");
        var branch = new InsuranceComparison.Difference(InsuranceComparison.Field.BRANCH, "", "01");
        assertThat(ReasonTexts.difference(branch, JA)).isEqualTo("枝番: 登録 — / 確認 01");
    }

    @Test
    void passcodeRejectionsSayPasscode() {
        for (RejectionReason reason : List.of(
                RejectionReason.PASSCODE_INVALID, RejectionReason.PASSCODE_EXPIRED, RejectionReason.PASSCODE_USED)) {
            assertThat(JA.get("rejection." + reason)).contains("パスコード");
            assertThat(EN.get("rejection." + reason)).containsIgnoringCase("passcode");
        }
    }

    @Test
    void checkupItemsAreNamedInTheScreensLanguage() {
        assertThat(ReasonTexts.checkupItem(CheckupItem.WAIST, JA)).isEqualTo("腹囲");
        assertThat(ReasonTexts.checkupItem(CheckupItem.WAIST, EN)).isEqualTo("Waist");
    }
}
