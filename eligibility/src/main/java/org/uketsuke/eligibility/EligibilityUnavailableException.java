package org.uketsuke.eligibility;

/** The qualification system could not be asked; carries the typed reason. */
public final class EligibilityUnavailableException extends Exception {

    private final UnavailableReason reason;

    public EligibilityUnavailableException(UnavailableReason reason, String detail, Throwable cause) {
        super(reason + ": " + detail, cause);
        this.reason = reason;
    }

    public UnavailableReason reason() {
        return reason;
    }
}
