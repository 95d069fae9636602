package org.uketsuke.eligibility.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.uketsuke.eligibility.ContributionRatio;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceUseRegistration;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.PersonalFamily;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.ReferenceNumber;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.Sex;
import org.uketsuke.eligibility.VisualPasscode;

/** Round trips of the counter-service messages, and the ReferenceNumber element of results. */
class ServiceXmlTest {

    private static final InsuranceCardId CARD =
            new InsuranceCardId(InsurerNumber.of("01130012"), "76986808", "4364326", "00");

    @Test
    void anInsuranceUseRegistrationSurvivesTheRoundTrip() throws Exception {
        InsuranceUseRegistration registration =
                new InsuranceUseRegistration(new byte[] {1, 2, 3}, new byte[32], new byte[] {9});
        InsuranceUseRegistration back = ServiceXml.parseRegistrationRequest(
                ServiceXml.writeRegistrationRequest(registration, "1311234567", "20261203101500"));
        assertThat(back.authCertificateDer()).isEqualTo(registration.authCertificateDer());
        assertThat(back.nonce()).isEqualTo(registration.nonce());
        assertThat(back.signature()).isEqualTo(registration.signature());
        assertThat(back.toString()).doesNotContain("1, 2, 3");
    }

    @Test
    void everyRegistrationAnswerSurvivesTheRoundTrip() throws Exception {
        for (RegistrationOutcome outcome : List.of(
                new RegistrationOutcome.Registered("20261203101500", false),
                new RegistrationOutcome.Registered("20261203101500", true),
                new RegistrationOutcome.Rejected(RejectionReason.SIGNATURE_INVALID, "UK2004", "署名を検証できません。"))) {
            assertThat(ServiceXml.parseRegistrationResult(
                            ServiceXml.writeRegistrationResult("20261203101500", outcome)))
                    .isEqualTo(outcome);
        }
    }

    @Test
    void aPasscodeRequestAndAnswerSurviveTheRoundTripInJapanTime() throws Exception {
        assertThat(ServiceXml.parsePasscodeRequest(
                        ServiceXml.writePasscodeRequest("staff-07", "1311234567", "20261203101500")))
                .isEqualTo("staff-07");
        VisualPasscode passcode = new VisualPasscode("12345678", "staff-07", Instant.parse("2026-12-03T01:20:00Z"));
        byte[] xml = ServiceXml.writePasscode("20261203101500", passcode);
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<ExpirationTime>20261203102000</ExpirationTime>");
        assertThat(ServiceXml.parsePasscode(xml)).isEqualTo(passcode);
    }

    @Test
    void aStaffIdWithMarkupIsRefusedAsMalformed() {
        byte[] xml = ("<XmlMsg><MessageBody><VisualCheckPasscodeRequest><StaffId>a b|c</StaffId>"
                        + "</VisualCheckPasscodeRequest></MessageBody></XmlMsg>")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ServiceXml.parsePasscodeRequest(xml))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("StaffId");
    }

    @Test
    void referenceRegistrationsAndTheirResultsSurviveTheRoundTripInOrder() throws Exception {
        List<ReferenceRegistration> registrations = List.of(
                new ReferenceRegistration(CARD, LocalDate.of(1980, 11, 3), new ReferenceNumber("K-1")),
                new ReferenceRegistration(
                        new InsuranceCardId(InsurerNumber.of("131045"), "受付12", "004567", ""),
                        LocalDate.of(1950, 1, 2),
                        ReferenceNumber.of("Ｋ－２")));
        assertThat(ServiceXml.parseReferenceRequest(
                        ServiceXml.writeReferenceRequest(registrations, "1311234567", "20261203101500")))
                .isEqualTo(registrations);
        List<RegistrationOutcome> outcomes = List.of(
                new RegistrationOutcome.Registered("20261203101500", true),
                new RegistrationOutcome.Rejected(RejectionReason.NO_QUALIFICATION, "UK1001", "該当なし"));
        assertThat(ServiceXml.parseReferenceResults(
                        ServiceXml.writeReferenceResults("20261203101500", registrations, outcomes)))
                .isEqualTo(outcomes);
    }

    @Test
    void aReferenceRequestWithoutEntriesOrWithABadNumberNamesTheProblem() {
        assertThatThrownBy(() -> ServiceXml.parseReferenceRequest("<XmlMsg/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("ReferenceNumberRegistrationInfo");
        byte[] bad = ("<XmlMsg><MessageBody><ReferenceNumberRegistrationList><ReferenceNumberRegistrationInfo>"
                        + "<InsurerNumber>01130012</InsurerNumber><InsuredIdentificationNumber>1</InsuredIdentificationNumber>"
                        + "<Birthdate>19801103</Birthdate><ReferenceNumber>カルテ</ReferenceNumber>"
                        + "</ReferenceNumberRegistrationInfo></ReferenceNumberRegistrationList></MessageBody></XmlMsg>")
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ServiceXml.parseReferenceRequest(bad))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageContaining("ReferenceNumber");
    }

    @Test
    void aResultCarriesTheRegisteredReferenceNumberAndOneWithoutItHasNone() throws Exception {
        Qualification plain = new Qualification(
                CARD,
                "全国健康保険協会東京支部",
                "山本　結衣",
                "ﾔﾏﾓﾄ ﾕｲ",
                LocalDate.of(1980, 11, 3),
                Sex.FEMALE,
                PersonalFamily.INSURED,
                new ContributionRatio(30),
                LocalDate.of(2017, 9, 29));
        Qualification referenced = plain.withReferenceNumber(Optional.of(new ReferenceNumber("K-000020")));
        byte[] xml =
                QualificationXml.write(ResultMessage.confirmed("20261203101500", "1311234567", "f", referenced, null));
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("<ReferenceNumber>K-000020</ReferenceNumber>");
        assertThat(QualificationXml.parseResult(xml).qualifications()).containsExactly(referenced);
        byte[] without =
                QualificationXml.write(ResultMessage.confirmed("20261203101500", "1311234567", "f", plain, null));
        assertThat(new String(without, StandardCharsets.UTF_8)).doesNotContain("ReferenceNumber");
        assertThat(QualificationXml.parseResult(without)
                        .qualifications()
                        .getFirst()
                        .referenceNumber())
                .isEmpty();
    }
}
