package org.uketsuke.eligibility;

import java.util.List;

/**
 * The qualification system as the terminal sees it. Blocking; call off the UI thread. Every method answers with a
 * sealed outcome and never throws for a transport, TLS, server or format problem: that is the outcome's
 * {@link Unavailable} case, the same record everywhere.
 */
public interface EligibilityClient {

    /** A fresh single-use nonce for the card to sign. Not retried: every call issues a new one. */
    NonceOutcome nonce();

    /** Confirms a qualification by card. */
    ConfirmationOutcome confirmByCard(CardConfirmationRequest request);

    /** Confirms by insurance number (資格確認書, card failures). */
    ConfirmationOutcome confirmByInsurance(InsuranceSearch search);

    /** Uploads a batch pre-check (一括照会) of booked patients; answers the reception number to poll with. */
    BatchSubmission submitBatch(List<InsuranceSearch> searches);

    /** Asks how a batch stands (一括照会 or a {@link #submitBulk bulk exchange}). */
    BatchStatus batchStatus(String receptionNumber);

    /**
     * Asks for the patients of a 医療扶助, 訪問診療 or オンライン診療 bulk exchange; answers the reception number that
     * {@link #batchStatus} fetches their results with. A backend without these exchanges answers
     * {@link Unavailable} with {@link UnavailableReason#SERVER_ERROR}, as a server lacking the route would.
     */
    default BatchSubmission submitBulk(BulkSelection selection) {
        return new Unavailable(
                UnavailableReason.SERVER_ERROR, "bulk " + selection.exchange() + ": this backend does not offer it");
    }

    /**
     * 保険証利用登録 at the counter: links the card to its holder's insurance, proven by the card's signature over a
     * nonce (PIN).
     */
    RegistrationOutcome registerForInsuranceUse(InsuranceUseRegistration registration);

    /**
     * 保険証利用登録 on the face or visual path: proven exactly as a confirmation by card would be (the terminal's
     * attestation over the statement, the card face and its signature on the face path); uses up the request's nonce.
     */
    RegistrationOutcome registerByProof(CardConfirmationRequest proof);

    /**
     * A passcode for a visual check by this staff member (OQS-IF-049/050): short-lived, single use, carried by the
     * {@link VisualAttestation}. Not retried: every call issues a new one.
     */
    PasscodeOutcome visualCheckPasscode(String staffId);

    /**
     * Registers 照会番号 (one: OQS-IF-003/004; several: the batch 009–012), one outcome per registration in order;
     * later results for this institution carry the number. If the system gave no usable answer, every element is the
     * same {@link Unavailable}.
     */
    List<RegistrationOutcome> registerReferenceNumbers(List<ReferenceRegistration> registrations);

    /** The 10-digit 医療機関コード this client sends: part of the {@link ConfirmationStatement} a proof signs. */
    String institutionCode();
}
