package org.uketsuke.eligibility;

/** The qualification system as the terminal sees it. Blocking; call off the UI thread. */
public interface EligibilityClient {

    /** A fresh single-use nonce for the card to sign. */
    byte[] nonce() throws EligibilityUnavailableException;

    /** Confirms a qualification by card. Never throws for transport problems: they are {@code Unavailable}. */
    ConfirmationOutcome confirmByCard(CardConfirmationRequest request);

    /** Confirms by insurance number (資格確認書, card failures). Never throws for transport problems. */
    ConfirmationOutcome confirmByInsurance(InsuranceSearch search);

    /** Uploads a batch pre-check (一括照会) of booked patients; answers the reception number to poll with. */
    String submitBatch(java.util.List<InsuranceSearch> searches) throws EligibilityUnavailableException;

    /** Asks how a batch stands; never throws (transport problems are {@link BatchStatus.Failed}). */
    BatchStatus batchStatus(String receptionNumber);

    /**
     * 保険証利用登録 at the counter: links the card to its holder's insurance, proven by the card's signature over a
     * nonce (PIN). Never throws for transport problems.
     */
    RegistrationOutcome registerForInsuranceUse(InsuranceUseRegistration registration);

    /**
     * A passcode for a visual check by this staff member (OQS-IF-049/050): short-lived, single use, carried by the
     * {@link VisualAttestation}. Not retried: every call issues a new one.
     */
    VisualPasscode visualCheckPasscode(String staffId) throws EligibilityUnavailableException;

    /**
     * Registers 照会番号 (one: OQS-IF-003/004; several: the batch 009–012), one outcome per registration in order;
     * later results for this institution carry the number. Never throws for transport problems.
     */
    java.util.List<RegistrationOutcome> registerReferenceNumbers(java.util.List<ReferenceRegistration> registrations);
}
