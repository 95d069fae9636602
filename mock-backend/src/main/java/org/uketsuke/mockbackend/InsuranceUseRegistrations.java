package org.uketsuke.mockbackend;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.InsuranceUseRegistration;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.wire.QualificationXml;
import org.uketsuke.eligibility.wire.ResultCodes;

/**
 * 保険証利用登録: a card holder links their card's certificate to their insurance, signing a fresh nonce with the PIN
 * ({@link #register}), or proven by the face check or the staff's visual check exactly as a confirmation would be
 * ({@link #registerByProof}; the reader offers registration on every path, docs/spec-notes/consents.md).
 */
final class InsuranceUseRegistrations {

    private final CardChecks checks;
    private final PopulationStore population;
    private final Clock clock;
    private final Confirmations confirmations;

    InsuranceUseRegistrations(CardChecks checks, PopulationStore population, Clock clock, Confirmations confirmations) {
        this.checks = checks;
        this.population = population;
        this.clock = clock;
        this.confirmations = confirmations;
    }

    /** Registration on the face or visual path: the confirmation's own proof (attestation over the statement). */
    RegistrationOutcome registerByProof(QualificationXml.CardRequest parsed, X509Certificate terminal) {
        CardConfirmationRequest request = parsed.request();
        Refusal refusal = confirmations.proofRefusal(request, parsed.medicalInstitutionCode(), terminal);
        if (refusal != null) {
            return rejected(refusal.reason(), refusal.message());
        }
        return registerHolder(
                Certificates.serialOf(Certificates.parse(request.authCertificateDer())),
                held -> Confirmations.holderRefusal(request, held));
    }

    RegistrationOutcome register(InsuranceUseRegistration registration) {
        X509Certificate certificate;
        switch (checks.checkNonceAndCertificate(registration.nonce(), registration.authCertificateDer())) {
            case CheckedCard.Refused(Refusal refusal) -> {
                return rejected(refusal.reason(), refusal.message());
            }
            case CheckedCard.Passed(X509Certificate passed) -> certificate = passed;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(certificate.getPublicKey());
            rsa.update(registration.nonce());
            if (!rsa.verify(registration.signature())) {
                return rejected(RejectionReason.SIGNATURE_INVALID, "署名を検証できません。");
            }
        } catch (GeneralSecurityException e) {
            return rejected(RejectionReason.SIGNATURE_INVALID, "署名を検証できません。");
        }
        return registerHolder(Certificates.serialOf(certificate), held -> null);
    }

    /** Links the card to its person unless {@code holderRefusal} (given the person) refuses. */
    private RegistrationOutcome registerHolder(String serial, Function<Qualification, Refusal> holderRefusal) {
        Optional<PopulationStore.StoredCard> card = population.cardBySerial(serial);
        if (card.isEmpty() || card.get().personId() == null) {
            return rejected(RejectionReason.NO_QUALIFICATION, "カードの持ち主の資格情報が見つかりません。");
        }
        int person = card.get().personId();
        Refusal otherHolder = holderRefusal.apply(population.person(person).orElseThrow());
        if (otherHolder != null) {
            return rejected(otherHolder.reason(), otherHolder.message());
        }
        if (population.lost(person)) {
            return rejected(RejectionReason.QUALIFICATION_LOST, "資格が喪失しています。");
        }
        boolean fresh = population.registerForInsuranceUse(serial, clock.instant());
        return new RegistrationOutcome.Registered(BackendTime.now(clock), !fresh);
    }

    static RegistrationOutcome.Rejected rejected(RejectionReason reason, String message) {
        return new RegistrationOutcome.Rejected(reason, ResultCodes.codeOf(reason), message);
    }
}
