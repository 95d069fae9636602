package org.uketsuke.eligibility.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.uketsuke.eligibility.RejectionReason;

class ResultCodesTest {

    @ParameterizedTest
    @EnumSource(RejectionReason.class)
    void everyRejectionHasAnOwnCodeThatReadsBack(RejectionReason reason) {
        assertThat(ResultCodes.codeOf(reason)).startsWith("UK");
        assertThat(ResultCodes.reasonOf(ResultCodes.codeOf(reason))).contains(reason);
    }
}
