package org.uketsuke.bridge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentKind;
import org.uketsuke.eligibility.ConsentRecord;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.ElderlyRecipient;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.LimitCategory;
import org.uketsuke.eligibility.LimitCertificate;
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

public final class Fixtures {

    public static final String INSTITUTION = "1311234567";

    private Fixtures() {}

    public static Qualification qualification(int n) {
        return new Qualification(
                new InsuranceCardId(
                        InsurerNumber.of("01130012"), "1234567" + (n % 10), Integer.toString(1000 + n), "00"),
                "全国健康保険協会東京支部",
                "受付　太郎" + n,
                "ｳｹﾂｹ ﾀﾛｳ",
                LocalDate.of(1970, 1, 1 + n % 28),
                Sex.MALE,
                PersonalFamily.INSURED,
                new ContributionRatio(30),
                LocalDate.of(2020, 4, 1));
    }

    /** A 72-year-old with every optional block: 高齢受給者 2割, 限度額 一般, 特定疾病 (dialysis) and two 公費. */
    public static Qualification rich(int n) {
        QualificationDetails details = new QualificationDetails(
                Optional.of(new ElderlyRecipient(
                        LocalDate.of(2024, 8, 1),
                        LocalDate.of(2024, 8, 1),
                        LocalDate.of(2027, 7, 31),
                        new ContributionRatio(20))),
                Optional.of(new LimitCertificate(
                        "01", LimitCategory.B04, LocalDate.of(2026, 8, 1), LocalDate.of(2027, 7, 31))),
                List.of(new SpecificDiseaseCertificate(
                        SpecificDisease.CHRONIC_RENAL_FAILURE_DIALYSIS,
                        LocalDate.of(2025, 4, 1),
                        LocalDate.of(2027, 3, 31),
                        10_000)),
                List.of(
                        new PublicExpense(
                                PublicExpensePayerNumber.of("54016027"),
                                PublicExpenseRecipientNumber.of("1234566"),
                                LocalDate.of(2026, 4, 1),
                                LocalDate.of(2027, 3, 31)),
                        new PublicExpense(
                                PublicExpensePayerNumber.of("54016027"),
                                PublicExpenseRecipientNumber.of("7654320"),
                                LocalDate.of(2026, 4, 1),
                                null)));
        return new Qualification(
                        new InsuranceCardId(InsurerNumber.of("131045"), "ア-12", "0045" + n, ""),
                        "東京都某区",
                        "高齢　花子" + n,
                        "ｺｳﾚｲ ﾊﾅｺ",
                        LocalDate.of(1954, 3, 3),
                        Sex.FEMALE,
                        PersonalFamily.INSURED,
                        new ContributionRatio(20),
                        LocalDate.of(2019, 4, 1),
                        details)
                .withReferenceNumber(Optional.of(new ReferenceNumber("K-000" + n)))
                .withParticulars(ResultParticulars.none()
                        .withConsents(List.of(
                                new ConsentRecord(ConsentKind.LIMIT_APPLICATION, Consent.YES, "20261124100000", null),
                                new ConsentRecord(
                                        ConsentKind.SPECIFIC_DISEASES, Consent.YES, "20261124100000", null))));
    }

    public static Confirmation confirmation(String key, Instant at, Qualification q) {
        return new Confirmation(
                key,
                at,
                IdentityMethod.FACE,
                new ConfirmationOutcome.Confirmed(
                        q,
                        DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
                                .withZone(ZoneId.of("Asia/Tokyo"))
                                .format(at),
                        null));
    }

    public static Confirmation confirmation(String key, int n) {
        return new Confirmation(
                key,
                Instant.parse("2026-11-24T01:00:00Z").plusSeconds(n),
                IdentityMethod.PIN,
                new ConfirmationOutcome.Confirmed(qualification(n), String.format("202611241000%02d", n % 60), null));
    }
}
