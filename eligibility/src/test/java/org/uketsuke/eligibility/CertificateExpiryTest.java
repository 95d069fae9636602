package org.uketsuke.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class CertificateExpiryTest {

    private static final LocalDate EXPIRES = LocalDate.of(2026, 6, 15);
    private static final Instant NOT_AFTER = EXPIRES.atTime(LocalTime.of(23, 59, 59))
            .atZone(CertificateExpiry.JAPAN)
            .toInstant();

    private static CertificateExpiry on(LocalDate day) {
        return CertificateExpiry.of(
                NOT_AFTER,
                day.atTime(LocalTime.NOON).atZone(CertificateExpiry.JAPAN).toInstant());
    }

    @Test
    void aCertificateIsPlainlyValidUntilThreeMonthsBeforeItsExpiry() {
        assertThat(on(LocalDate.of(2026, 3, 14))).isEqualTo(new CertificateExpiry.Valid(EXPIRES));
        assertThat(on(LocalDate.of(2026, 3, 15))).isEqualTo(new CertificateExpiry.ExpiresSoon(EXPIRES));
        assertThat(on(EXPIRES)).isEqualTo(new CertificateExpiry.ExpiresSoon(EXPIRES));
        assertThat(on(EXPIRES).medicalInformationGiven()).isTrue();
    }

    @Test
    void forThreeMonthsAfterExpiryOnlyTheQualificationIsConfirmed() {
        LocalDate graceEnds = LocalDate.of(2026, 9, 15);
        CertificateExpiry dayAfter = on(EXPIRES.plusDays(1));
        assertThat(dayAfter).isEqualTo(new CertificateExpiry.ExpiredInGrace(EXPIRES, graceEnds));
        assertThat(dayAfter.confirmsQualification()).isTrue();
        assertThat(dayAfter.medicalInformationGiven()).isFalse();
        assertThat(on(graceEnds)).isInstanceOf(CertificateExpiry.ExpiredInGrace.class);
        CertificateExpiry after = on(graceEnds.plusDays(1));
        assertThat(after).isEqualTo(new CertificateExpiry.Expired(EXPIRES));
        assertThat(after.confirmsQualification()).isFalse();
    }
}
