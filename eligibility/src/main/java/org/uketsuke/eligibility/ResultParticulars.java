package org.uketsuke.eligibility;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The rest of a {@code ResultOfQualificationConfirmation} (docs/spec-notes/eligibility.md#message-shape): what the
 * card is, who heads the household, other names, address, the card's and the qualification's dates, the consents with
 * their times, 医療扶助 and the PMH 医療費助成 ({@link MedicalSubsidies}). Strings are as the system sent them; null (or
 * empty lists) where it sent nothing.
 *
 * @param insuredName 世帯主氏名 ({@code InsuredName})
 * @param sex2 the card's display sex ({@code Sex2}, OQSCD007), or null
 * @param postNumber 郵便番号 as sent (e.g. {@code 100-0001})
 * @param certificateIssuanceDate 交付年月日 ({@code InsuredCertificateIssuanceDate})
 * @param cardValidDate 有効開始 ({@code InsuredCardValidDate}); cardExpirationDate 有効終了
 * @param preschoolClassification 未就学区分
 * @param reasonOfLoss 資格喪失事由: 01 death, 02 public assistance, 03 other insurance, 99 other
 */
public record ResultParticulars(
        InsuredCardClassification cardClassification,
        @Nullable String insuredName,
        @Nullable String nameOfOther,
        @Nullable String nameOfOtherKana,
        @Nullable String sex2,
        @Nullable String address,
        @Nullable String postNumber,
        @Nullable LocalDate disqualificationDate,
        @Nullable LocalDate certificateIssuanceDate,
        @Nullable LocalDate cardValidDate,
        @Nullable LocalDate cardExpirationDate,
        @Nullable String preschoolClassification,
        @Nullable String reasonOfLoss,
        List<ConsentRecord> consents,
        List<MedicalTicket> medicalTickets,
        MedicalSubsidies subsidies) {

    public ResultParticulars {
        Objects.requireNonNull(cardClassification, "cardClassification");
        consents = List.copyOf(consents);
        medicalTickets = List.copyOf(medicalTickets);
        subsidies = subsidies == null ? MedicalSubsidies.NOT_ASKED : subsidies;
    }

    /** Particulars of a result without PMH information (nothing asked). */
    public ResultParticulars(
            InsuredCardClassification cardClassification,
            @Nullable String insuredName,
            @Nullable String nameOfOther,
            @Nullable String nameOfOtherKana,
            @Nullable String sex2,
            @Nullable String address,
            @Nullable String postNumber,
            @Nullable LocalDate disqualificationDate,
            @Nullable LocalDate certificateIssuanceDate,
            @Nullable LocalDate cardValidDate,
            @Nullable LocalDate cardExpirationDate,
            @Nullable String preschoolClassification,
            @Nullable String reasonOfLoss,
            List<ConsentRecord> consents,
            List<MedicalTicket> medicalTickets) {
        this(
                cardClassification,
                insuredName,
                nameOfOther,
                nameOfOtherKana,
                sex2,
                address,
                postNumber,
                disqualificationDate,
                certificateIssuanceDate,
                cardValidDate,
                cardExpirationDate,
                preschoolClassification,
                reasonOfLoss,
                consents,
                medicalTickets,
                MedicalSubsidies.NOT_ASKED);
    }

    /** An ordinary 被保険者証 with nothing else sent. */
    public static ResultParticulars none() {
        return new ResultParticulars(
                InsuredCardClassification.GENERAL,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                List.of());
    }

    /** 医療扶助 (区分 A1) with these 医療券/調剤券 and nothing else sent. */
    public static ResultParticulars medicalAid(List<MedicalTicket> tickets) {
        return new ResultParticulars(
                InsuredCardClassification.MEDICAL_AID,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                tickets);
    }

    /** The consent of this kind, if the result reported one. */
    public Optional<ConsentRecord> consent(ConsentKind kind) {
        return consents.stream().filter(c -> c.kind() == kind).findFirst();
    }

    public ResultParticulars withConsents(List<ConsentRecord> replaced) {
        return with(replaced, subsidies);
    }

    /** The same particulars with the PMH answer of this confirmation. */
    public ResultParticulars withSubsidies(MedicalSubsidies replaced) {
        return with(consents, replaced);
    }

    /**
     * 医療扶助 without any 医療券/調剤券: the recipient is on public assistance but the welfare office has not registered
     * a ticket for this institution ({@code QualificationValidity} 6 有効（未登録）, docs/spec-notes/pmh.md#medical-aid).
     */
    public boolean medicalAidWithoutTicket() {
        return cardClassification.medicalAid() && medicalTickets.isEmpty();
    }

    private ResultParticulars with(List<ConsentRecord> replacedConsents, MedicalSubsidies replacedSubsidies) {
        return new ResultParticulars(
                cardClassification,
                insuredName,
                nameOfOther,
                nameOfOtherKana,
                sex2,
                address,
                postNumber,
                disqualificationDate,
                certificateIssuanceDate,
                cardValidDate,
                cardExpirationDate,
                preschoolClassification,
                reasonOfLoss,
                replacedConsents,
                medicalTickets,
                replacedSubsidies);
    }
}
