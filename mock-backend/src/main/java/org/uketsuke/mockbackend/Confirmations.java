package org.uketsuke.mockbackend;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.uketsuke.eligibility.Attestation;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.CardFace;
import org.uketsuke.eligibility.CertificateExpiry;
import org.uketsuke.eligibility.ConfirmationStatement;
import org.uketsuke.eligibility.Consent;
import org.uketsuke.eligibility.ConsentScenario;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.FaceAttestation;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.QualificationDetails;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.VisualAttestation;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultMessage;

/**
 * 資格確認: by card ({@code POST /oqs/v1/confirm/card}) — the nonce known and unused, the certificate chaining to the
 * test JPKI CA, valid and not revoked, the proof of presence holding (the card's signature, or the terminal's signed
 * face or visual attestation), the card linked to a person by 保険証利用登録 — and by insurance number
 * ({@code /oqs/v1/confirm/insurance}, also each entry of a 一括照会). The answer is the official result message.
 */
final class Confirmations {

    private static final Logger log = LoggerFactory.getLogger(Confirmations.class);

    /** How far a face attestation's time may be from the backend's clock (both ways). */
    static final Duration ATTESTATION_FRESHNESS = Duration.ofMinutes(2);

    private final CardChecks checks;
    private final VisualPasscodes passcodes;
    private final ReferenceNumbers references;
    private final PopulationStore population;
    private final MedicalConsents consents;
    private final PublicKey cardFaceIssuer;
    private final FacePolicy policy;
    private final Clock clock;

    Confirmations(
            CardChecks checks,
            VisualPasscodes passcodes,
            ReferenceNumbers references,
            PopulationStore population,
            MedicalConsents consents,
            PublicKey cardFaceIssuer,
            FacePolicy policy,
            Clock clock) {
        this.cardFaceIssuer = cardFaceIssuer;
        this.policy = policy;
        this.checks = checks;
        this.passcodes = passcodes;
        this.references = references;
        this.population = population;
        this.consents = consents;
        this.clock = clock;
    }

    /**
     * @param terminal the client certificate of the TLS session: on the face path the attestation must be signed by
     *     its key
     */
    ResultMessage byCard(QualificationXml.CardRequest parsed, X509Certificate terminal) {
        CardConfirmationRequest request = parsed.request();
        String now = BackendTime.now(clock);
        String institution = parsed.medicalInstitutionCode();
        String fileId = request.arbitraryFileIdentifier();
        X509Certificate certificate;
        switch (proof(request, institution, terminal)) {
            case CheckedCard.Refused(Refusal refusal) -> {
                return ResultMessage.rejected(now, institution, fileId, refusal.reason(), refusal.message());
            }
            case CheckedCard.Passed(X509Certificate passed) -> certificate = passed;
        }
        String serial = Certificates.serialOf(certificate);
        Optional<PopulationStore.StoredCard> card = population.cardBySerial(serial);
        if (card.isEmpty() || card.get().personId() == null || !population.registeredForInsuranceUse(serial)) {
            return ResultMessage.rejected(
                    now, institution, fileId, RejectionReason.NOT_REGISTERED, "健康保険証としての利用登録がされていません。");
        }
        int person = card.get().personId();
        Qualification held = population.person(person).orElseThrow();
        Refusal otherHolder = holderRefusal(request, held);
        if (otherHolder != null) {
            return ResultMessage.rejected(now, institution, fileId, otherHolder.reason(), otherHolder.message());
        }
        Refusal notQualified = qualificationRefusal(person, held);
        if (notQualified != null) {
            return ResultMessage.rejected(now, institution, fileId, notQualified.reason(), notQualified.message());
        }
        String from = Certificates.institutionOf(terminal, institution);
        CertificateExpiry expiry = checks.expiryOf(certificate);
        Consents given = expiry.medicalInformationGiven() ? request.consents() : qualificationOnly(request.consents());
        Qualification qualification = withConsents(held, given)
                .withReferenceNumber(references.of(from, person))
                .withParticulars(ResultParticularsGenerator.of(person, held)
                        .withConsents(ResultParticularsGenerator.consents(given, request.scenario(), clock.instant()))
                        .withSubsidies(MedicalSubsidyRegister.answer(
                                person, held, given.subsidy(), BackendTime.today(clock))));
        // The consents (with their time, so their expiry) and the prescription-form choice, for later viewing.
        consents.record(from, person, given, request.scenario(), request.prescriptionForm(), clock.instant());
        return ResultMessage.confirmed(now, institution, fileId, qualification, ExpiryNotices.of(expiry))
                .withPrescriptionIssueSelect(
                        request.prescriptionForm() == null
                                ? null
                                : request.prescriptionForm().code());
    }

    /**
     * Whether the request proves the holder's presence for this nonce, or why not (null: it does): the nonce known and
     * unused, the certificate valid, the proof holding, the signed statement matching the consents, and on the face
     * path the attestation's own claims, on the visual path the staff passcode. The nonce is used up either way.
     */
    Refusal proofRefusal(CardConfirmationRequest request, String institution, X509Certificate terminal) {
        return proof(request, institution, terminal).refusal();
    }

    /** {@link #proofRefusal}, passed with the card's certificate read once for the whole request. */
    private CheckedCard proof(CardConfirmationRequest request, String institution, X509Certificate terminal) {
        CheckedCard checked = checks.checkNonceAndCertificate(request.nonce(), request.authCertificateDer());
        if (!(checked instanceof CheckedCard.Passed(X509Certificate certificate))) {
            return checked;
        }
        Refusal refusal = proofRefusal(request, institution, terminal, certificate);
        return refusal == null ? checked : new CheckedCard.Refused(refusal);
    }

    private Refusal proofRefusal(
            CardConfirmationRequest request,
            String institution,
            X509Certificate terminal,
            X509Certificate certificate) {
        String fileId = request.arbitraryFileIdentifier();
        Optional<byte[]> signedStatement = provenStatement(request, certificate, terminal);
        if (signedStatement.isEmpty()) {
            return new Refusal(RejectionReason.SIGNATURE_INVALID, "署名を検証できません。");
        }
        Attestation attestation = request.attestation();
        byte[] statement = ConfirmationStatement.of(request, institution).sha256();
        if (!Arrays.equals(signedStatement.get(), statement)) {
            log.warn("refused: consents differ from the signed statement (file {})", fileId);
            return new Refusal(RejectionReason.CONSENTS_ALTERED, "同意内容が署名の後に変更されています。");
        }
        if (attestation instanceof FaceAttestation face) {
            Refusal faceRefusal = faceRefusal(request, face, statement);
            if (faceRefusal != null) {
                log.warn("face proof refused: {} (file {})", faceRefusal.reason(), fileId);
                return faceRefusal;
            }
        }
        if (attestation instanceof VisualAttestation visual) {
            return passcodes.use(visual, terminal);
        }
        return null;
    }

    /** On the face path: the signed card face must be the certificate's person's (null: it is, or another path). */
    static Refusal holderRefusal(CardConfirmationRequest request, Qualification held) {
        if (request.method() == IdentityMethod.FACE && !sameHolder(request.cardFace(), held)) {
            // No birth dates or sexes in the log: only that they differ.
            log.warn("face proof refused: the card face is not the certificate's person");
            return new Refusal(RejectionReason.CARD_FACE_MISMATCH, "券面情報が電子証明書の本人のものと一致しません。");
        }
        return null;
    }

    ResultMessage byInsurance(QualificationXml.SearchRequest parsed, String institution) {
        String now = BackendTime.now(clock);
        var search = parsed.search();
        OptionalInt found = population.find(search.card(), search.birthdate());
        if (found.isEmpty()) {
            Optional<PreviousInsurance> previous = population.findPrevious(search.card(), search.birthdate());
            if (previous.isPresent()) {
                // 資格の切替: this insurance ended and a newer one exists (QualificationValidity 3), listed with its end.
                ResultMessage ended = ResultMessage.rejected(
                        now,
                        parsed.medicalInstitutionCode(),
                        parsed.arbitraryFileIdentifier(),
                        RejectionReason.QUALIFICATION_LOST,
                        "この資格は喪失しています。新しい資格があります。");
                Qualification current =
                        population.person(previous.get().personId()).orElseThrow();
                return new ResultMessage(
                        ended.processExecutionTime(),
                        ended.qualificationConfirmationDate(),
                        ended.medicalInstitutionCode(),
                        ended.arbitraryFileIdentifier(),
                        "2",
                        ended.segmentOfResult(),
                        null,
                        null,
                        ended.characterCode(),
                        ended.processingResultStatus(),
                        ended.processingResultCode(),
                        ended.processingResultMessage(),
                        "3",
                        List.of(ResultParticularsGenerator.ended(current, previous.get())),
                        null);
            }
            return ResultMessage.rejected(
                    now,
                    parsed.medicalInstitutionCode(),
                    parsed.arbitraryFileIdentifier(),
                    RejectionReason.NO_QUALIFICATION,
                    "該当する資格情報が存在しません。");
        }
        int person = found.getAsInt();
        Qualification held = population.person(person).orElseThrow();
        Refusal notQualified = qualificationRefusal(person, held);
        if (notQualified != null) {
            return ResultMessage.rejected(
                    now,
                    parsed.medicalInstitutionCode(),
                    parsed.arbitraryFileIdentifier(),
                    notQualified.reason(),
                    notQualified.message());
        }
        Consent limit = search.limitConsent() ? Consent.YES : Consent.NO;
        Consents asked = new Consents(
                Consent.NOT_OBTAINED, Consent.NOT_OBTAINED, Consent.NOT_OBTAINED, Consent.NOT_OBTAINED, limit, limit);
        Qualification q = withConsents(held, asked)
                .withReferenceNumber(references.of(institution, person))
                .withParticulars(ResultParticularsGenerator.of(person, held)
                        .withConsents(ResultParticularsGenerator.consents(
                                asked, ConsentScenario.OUTPATIENT, clock.instant())));
        return ResultMessage.confirmed(now, parsed.medicalInstitutionCode(), parsed.arbitraryFileIdentifier(), q, null)
                .withReferenceClassification("2");
    }

    /** Not yet registered by the new insurer, 資格喪失, or a qualification that has not started yet (Japan time). */
    private Refusal qualificationRefusal(int person, Qualification held) {
        if (population.registrationPending(person)) {
            // The new insurer's registration has not reached the system: it holds no qualification for the person.
            return new Refusal(RejectionReason.NO_QUALIFICATION, "該当する資格情報が存在しません。");
        }
        if (population.lost(person)) {
            return new Refusal(RejectionReason.QUALIFICATION_LOST, "資格が喪失しています。");
        }
        LocalDate start = held.qualificationDate();
        if (start != null && start.isAfter(BackendTime.today(clock))) {
            return new Refusal(RejectionReason.NO_QUALIFICATION, "資格の開始日（" + start + "）前です。");
        }
        return null;
    }

    /**
     * The proof that the holder is present: on the PIN path the card's signature over the nonce (auth key); on the
     * face path the terminal's signed attestation for this nonce and this certificate, with presence proven and the
     * score at or above the threshold; on the visual path the terminal's signed statement that a named staff member
     * checked the card photo against the patient. Returns the statement digest the proof vouches for (whether it is
     * this request's is checked next, with its own reason), or empty when the proof does not hold.
     */
    private static Optional<byte[]> provenStatement(
            CardConfirmationRequest request, X509Certificate card, X509Certificate terminal) {
        if (request.method() == IdentityMethod.PIN) {
            // The card signed some SHA-256 digest with this certificate's key: recovered once, used for both checks.
            return SignedDigests.recover(card.getPublicKey(), request.signature());
        }
        Attestation attestation = request.attestation();
        return attestationHolds(request, attestation, card, terminal)
                ? Optional.of(attestation.statementSha256())
                : Optional.empty();
    }

    private static boolean attestationHolds(
            CardConfirmationRequest request, Attestation attestation, X509Certificate card, X509Certificate terminal) {
        try {
            if (attestation == null || terminal == null) {
                return false;
            }
            byte[] certHash = MessageDigest.getInstance("SHA-256").digest(card.getEncoded());
            if (!Arrays.equals(attestation.nonce(), request.nonce())
                    || !Arrays.equals(attestation.authCertificateSha256(), certHash)) {
                return false;
            }
            boolean vouched = switch (attestation) {
                case FaceAttestation face -> request.method() == IdentityMethod.FACE;
                case VisualAttestation visual -> request.method() == IdentityMethod.VISUAL;
            };
            if (!vouched) {
                return false;
            }
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(terminal.getPublicKey());
            rsa.update(attestation.bytes());
            return rsa.verify(request.signature());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * The face path's checks of the card itself and of the match, or null: the card face signed by the card-face
     * issuer and not expired, the attestation about this very card face, the card-face AP's own key (DF24) having
     * signed this request's statement (the backend's nonce with the consents), a match made within
     * {@link #ATTESTATION_FRESHNESS} of now, and the backend's {@link FacePolicy} met whatever threshold the terminal
     * used.
     */
    private Refusal faceRefusal(CardConfirmationRequest request, FaceAttestation face, byte[] statement) {
        CardFace cardFace = request.cardFace();
        if (cardFace == null || !cardFace.issuedBy(cardFaceIssuer)) {
            return new Refusal(RejectionReason.CARD_FACE_INVALID, "券面情報に発行者の署名がありません。");
        }
        if (cardFace.expiry().compareTo(BackendTime.today(clock).format(DateTimeFormatter.BASIC_ISO_DATE)) < 0) {
            return new Refusal(RejectionReason.CARD_FACE_INVALID, "カードの有効期限が切れています。");
        }
        if (!Arrays.equals(face.cardFaceSha256(), cardFace.sha256())) {
            return new Refusal(RejectionReason.ATTESTATION_INVALID, "顔認証の証明が別のカードのものです。");
        }
        if (!cardFace.signedByCard(statement, request.cardFaceSignature())) {
            return new Refusal(RejectionReason.CARD_FACE_INVALID, "カードの存在証明を検証できません。");
        }
        String why = faceAttestationProblem(face, clock.instant());
        if (why != null) {
            return new Refusal(RejectionReason.ATTESTATION_INVALID, why);
        }
        String shortfall = policy.shortfall(face);
        if (shortfall != null) {
            return new Refusal(RejectionReason.BELOW_POLICY, "顔照合が基準を満たしません（" + shortfall + "）。");
        }
        return null;
    }

    /** The issuer-signed birth date and sex of the card face are those of the certificate's person. */
    private static boolean sameHolder(CardFace cardFace, Qualification person) {
        return cardFace != null
                && cardFace.birthDate().equals(person.birthdate().format(DateTimeFormatter.BASIC_ISO_DATE))
                && cardFace.sex().equals(person.sex().code());
    }

    /**
     * What is wrong with a (correctly signed) face attestation's own claims, or null: a match, made within
     * {@link #ATTESTATION_FRESHNESS} of now.
     */
    static String faceAttestationProblem(FaceAttestation face, Instant now) {
        if (!FaceAttestation.MATCH.equals(face.decision())) {
            return "顔照合の結果が一致ではありません。";
        }
        if (Duration.between(face.attestedAt(), now).abs().compareTo(ATTESTATION_FRESHNESS) > 0) {
            return "顔認証の証明の時刻が古すぎるか未来です。";
        }
        return null;
    }

    /**
     * An expired certificate in its grace confirms the qualification only: no medical information (drugs, checkups,
     * treatment, operations) whatever the patient answered; the 限度額 and 特定疾病 blocks belong to the qualification.
     */
    static Consents qualificationOnly(Consents answered) {
        return new Consents(
                Consent.NOT_OBTAINED,
                Consent.NOT_OBTAINED,
                Consent.NOT_OBTAINED,
                Consent.NOT_OBTAINED,
                answered.limitInfo(),
                answered.specificDisease(),
                Consent.NOT_OBTAINED,
                // PMH's 受給者証 are qualification information, not medical information: still given in the grace.
                answered.subsidy());
    }

    /** 限度額 and 特定疾病 information are only returned when the patient consented to them at the reader. */
    static Qualification withConsents(Qualification q, Consents consents) {
        QualificationDetails d = q.details();
        QualificationDetails shown = new QualificationDetails(
                d.elderly(),
                consents.limitInfo() == Consent.YES ? d.limit() : Optional.empty(),
                consents.specificDisease() == Consent.YES ? d.specificDiseases() : List.of(),
                d.publicExpenses());
        return q.withDetails(shown);
    }
}
