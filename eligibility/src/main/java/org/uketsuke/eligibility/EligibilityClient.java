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
}
