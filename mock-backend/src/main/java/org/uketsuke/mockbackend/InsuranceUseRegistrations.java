package org.uketsuke.mockbackend;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Optional;
import org.uketsuke.eligibility.InsuranceUseRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.wire.ResultCodes;

/** 保険証利用登録: a card holder links their card's certificate to their insurance, signing a fresh nonce. */
final class InsuranceUseRegistrations {

    private final CardChecks checks;
    private final PopulationStore population;
    private final Clock clock;

    InsuranceUseRegistrations(CardChecks checks, PopulationStore population, Clock clock) {
        this.checks = checks;
        this.population = population;
        this.clock = clock;
    }

    RegistrationOutcome register(InsuranceUseRegistration registration) {
        String now = BackendTime.now(clock);
        Refusal refusal = checks.checkNonceAndCertificate(registration.nonce(), registration.authCertificateDer());
        if (refusal != null) {
            return rejected(refusal.reason(), refusal.message());
        }
        X509Certificate certificate = Certificates.parse(registration.authCertificateDer());
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
        String serial = Certificates.serialOf(certificate);
        Optional<PopulationStore.StoredCard> card = population.cardBySerial(serial);
        if (card.isEmpty() || card.get().personId() == null) {
            return rejected(RejectionReason.NO_QUALIFICATION, "カードの持ち主の資格情報が見つかりません。");
        }
        if (population.lost(card.get().personId())) {
            return rejected(RejectionReason.QUALIFICATION_LOST, "資格が喪失しています。");
        }
        boolean fresh = population.registerForInsuranceUse(serial, clock.instant());
        return new RegistrationOutcome.Registered(now, !fresh);
    }

    static RegistrationOutcome.Rejected rejected(RejectionReason reason, String message) {
        return new RegistrationOutcome.Rejected(reason, ResultCodes.codeOf(reason), message);
    }
}
