package org.uketsuke.folders;

import java.util.List;
import org.uketsuke.eligibility.BatchStatus;
import org.uketsuke.eligibility.BatchSubmission;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.EligibilityClient;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.InsuranceUseRegistration;
import org.uketsuke.eligibility.NonceOutcome;
import org.uketsuke.eligibility.PasscodeOutcome;
import org.uketsuke.eligibility.ReferenceRegistration;
import org.uketsuke.eligibility.RegistrationOutcome;

/**
 * A terminal's client when the staff side runs on the 連携アプリ's folders (docs/decisions/0012-folders-backend.md):
 * the kiosk's card calls (nonce, card confirmation, 保険証利用登録, visual-check passcode) go to {@code cards} — the
 * HTTPS system, or the training mock beside a clinic's certified reader —, every staff call (lookup by insurance
 * number, 一括照会, 照会番号) through the folders.
 */
public record StaffSideClient(EligibilityClient cards, FolderEligibilityClient folders) implements EligibilityClient {

    @Override
    public NonceOutcome nonce() {
        return cards.nonce();
    }

    @Override
    public ConfirmationOutcome confirmByCard(CardConfirmationRequest request) {
        return cards.confirmByCard(request);
    }

    @Override
    public RegistrationOutcome registerForInsuranceUse(InsuranceUseRegistration registration) {
        return cards.registerForInsuranceUse(registration);
    }

    @Override
    public RegistrationOutcome registerByProof(CardConfirmationRequest proof) {
        return cards.registerByProof(proof);
    }

    @Override
    public PasscodeOutcome visualCheckPasscode(String staffId) {
        return cards.visualCheckPasscode(staffId);
    }

    @Override
    public ConfirmationOutcome confirmByInsurance(InsuranceSearch search) {
        return folders.confirmByInsurance(search);
    }

    @Override
    public BatchSubmission submitBatch(List<InsuranceSearch> searches) {
        return folders.submitBatch(searches);
    }

    @Override
    public BatchStatus batchStatus(String receptionNumber) {
        return folders.batchStatus(receptionNumber);
    }

    @Override
    public List<RegistrationOutcome> registerReferenceNumbers(List<ReferenceRegistration> registrations) {
        return folders.registerReferenceNumbers(registrations);
    }

    @Override
    public String institutionCode() {
        return cards.institutionCode();
    }
}
