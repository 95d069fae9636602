package org.uketsuke.eligibility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ValueTypesTest {

    @Test
    void symbolsAndNumbersStayStringsAfterNfkcNormalisation() {
        InsuranceCardId id = new InsuranceCardId(InsurerNumber.of("06131239"), " ０１２−Ａ ", "００４５", "01");
        assertThat(id.symbol()).isEqualTo("012-A");
        assertThat(id.number()).isEqualTo("0045");
        assertThat(id.branch()).isEqualTo("01");
    }

    @Test
    void elderlyInsuranceHasNoSymbolAndOlderCardsNoBranch() {
        InsuranceCardId id = new InsuranceCardId(InsurerNumber.of("39131016"), null, "12345678", "");
        assertThat(id.symbol()).isEmpty();
        assertThat(id.branch()).isEmpty();
    }

    @Test
    void aBranchIsTwoDigits() {
        assertThatThrownBy(() -> new InsuranceCardId(InsurerNumber.of("06131239"), "1", "2", "1"))
                .isInstanceOf(InvalidValueException.class)
                .hasMessageStartingWith("InsuredBranchNumber");
    }

    @Test
    void contributionRatiosTravelAsThreeDigits() {
        assertThat(ContributionRatio.ofWire("030").percent()).isEqualTo(30);
        assertThat(ContributionRatio.ofWire("010").tenths()).isEqualTo(1);
        assertThat(new ContributionRatio(20).wire()).isEqualTo("020");
        assertThatThrownBy(() -> ContributionRatio.ofWire("3")).isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new ContributionRatio(35)).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void codesMapBothWays() {
        assertThat(Sex.ofCode("2")).isEqualTo(Sex.FEMALE);
        assertThat(PersonalFamily.ofCode("1")).isEqualTo(PersonalFamily.INSURED);
        assertThat(Consent.ofCode("3")).isEqualTo(Consent.NOT_OBTAINED);
        assertThatThrownBy(() -> Sex.ofCode("9")).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void requestsNeverPrintCertificatesOrSignatures() {
        CardConfirmationRequest request = new CardConfirmationRequest(
                new byte[] {1, 2, 3}, new byte[] {4}, new byte[] {5}, IdentityMethod.PIN, Consents.none(), "abc");
        assertThat(request.toString()).doesNotContain("[1, 2, 3]").contains("PIN");
    }
}
