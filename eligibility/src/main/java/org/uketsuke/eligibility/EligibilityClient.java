package org.uketsuke.eligibility;

/** The qualification system as the terminal sees it. Blocking; call off the UI thread. */
public interface EligibilityClient {

    /** A fresh single-use nonce for the card to sign. */
    byte[] nonce() throws EligibilityUnavailableException;

    /** Confirms a qualification by card. Never throws for transport problems: they are {@code Unavailable}. */
    ConfirmationOutcome confirmByCard(CardConfirmationRequest request);

    /** Confirms by insurance number (資格確認書, card failures). Never throws for transport problems. */
    ConfirmationOutcome confirmByInsurance(InsuranceSearch search);
}
