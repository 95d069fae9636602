package org.uketsuke.bridge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileNameValuesTest {

    private static final String OVERLONG = "1".repeat(300);

    @ParameterizedTest
    @ValueSource(
            strings = {"../../audit", "2026120409\0000000", "2026-12-04 09:00", "2026120409000", "202612040900000", ""})
    void aProcessExecutionTimeThatIsNotFourteenDigitsIsRefused(String value) {
        assertThatThrownBy(() -> FileNameValues.processExecutionTime(value))
                .isInstanceOfSatisfying(
                        UnsafeFileNameValueException.class,
                        e -> assertThat(e.field()).isEqualTo("ProcessExecutionTime"))
                .hasMessageNotContaining("\0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../1311234", "131123456\0", "13112345678", ""})
    void anInstitutionCodeThatIsNotTenDigitsIsRefused(String value) {
        assertThatThrownBy(() -> FileNameValues.institutionCode(value))
                .isInstanceOf(UnsafeFileNameValueException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "OQSsiquc01req_../x.xml",
                "OQSsiquc01req_..xml",
                "OQSsiquc01req_a\0b.xml",
                "OQSsiquc01req_a/b.xml",
                "OQSsiquc01req_a\\b.xml",
                "OQSsiquc01req_.xml",
                "OQSsiquc01req_患者.xml",
                "../OQSsiquc01req_1.xml"
            })
    void aRequestFileNameOutsideTheNamingRulesIsNotOne(String name) {
        assertThat(FileNameValues.isRequestFileName(name)).isFalse();
        assertThatThrownBy(() -> FileNameValues.answerFileName(name.replace("req_", "res_")))
                .isInstanceOf(UnsafeFileNameValueException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"OQSsiquc01req_0001.xml", "OQSmuquc02req_x.xml", "YZKsiquc01req_022612031000421.xml"})
    void officialRequestNamesAreAccepted(String name) {
        assertThat(FileNameValues.isRequestFileName(name)).isTrue();
        assertThat(FileNameValues.answerFileName(name.replace("req_", "res_"))).isNotEmpty();
    }

    @Test
    void overlongValuesAreRefused() {
        assertThat(FileNameValues.isRequestFileName("OQSsiquc01req_" + OVERLONG + ".xml"))
                .isFalse();
        assertThatThrownBy(() -> FileNameValues.processExecutionTime(OVERLONG))
                .isInstanceOf(UnsafeFileNameValueException.class)
                .hasMessageContaining("(300 characters)");
        assertThatThrownBy(() -> FileNameValues.institutionCode(OVERLONG))
                .isInstanceOf(UnsafeFileNameValueException.class);
    }
}
