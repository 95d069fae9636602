package org.uketsuke.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.uketsuke.app.flow.CardKind;
import org.uketsuke.app.flow.PresentedCard;
import org.uketsuke.eligibility.CertificateExpiry;

class CertificateNoticesTest {

    private static final Messages JA = new Messages(Messages.JAPANESE);
    private static final Messages EN = new Messages(Messages.ENGLISH);

    @Test
    void thePatientIsToldWhenAndWhereToRenewAndWhatTheGraceMeans() {
        PresentedCard soon = new PresentedCard(
                CardKind.MY_NUMBER_CARD, new CertificateExpiry.ExpiresSoon(LocalDate.of(2026, 6, 15)));
        assertThat(CertificateNotices.forPatient(JA, soon))
                .hasValueSatisfying(t -> assertThat(t).contains("2026-06-15").contains("市区町村"));
        PresentedCard grace = new PresentedCard(
                CardKind.MY_NUMBER_CARD,
                new CertificateExpiry.ExpiredInGrace(LocalDate.of(2026, 6, 15), LocalDate.of(2026, 9, 15)));
        assertThat(CertificateNotices.forPatient(EN, grace))
                .hasValueSatisfying(t -> assertThat(t)
                        .contains("2026-06-15")
                        .contains("2026-09-15")
                        .contains("medical information"));
        assertThat(CertificateNotices.forStaff(JA, grace.expiry()))
                .hasValueSatisfying(t -> assertThat(t).contains("医療情報なし"));
    }

    @Test
    void aPlainlyValidCertificateOrAnUnreadOneSaysNothing() {
        assertThat(CertificateNotices.forPatient(
                        EN,
                        new PresentedCard(
                                CardKind.MY_NUMBER_CARD, new CertificateExpiry.Valid(LocalDate.of(2030, 1, 1)))))
                .isEmpty();
        assertThat(CertificateNotices.forPatient(EN, PresentedCard.of(CardKind.ANDROID_PHONE)))
                .isEmpty();
        assertThat(CertificateNotices.forStaff(EN, Optional.empty())).isEmpty();
    }
}
