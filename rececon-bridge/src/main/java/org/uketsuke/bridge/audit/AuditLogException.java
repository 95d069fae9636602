package org.uketsuke.bridge.audit;

/** The audit log cannot take an entry: its chain is broken (appending would hide that), or the disk refused. */
public final class AuditLogException extends Exception {

    private final transient AuditVerification verification;

    public AuditLogException(String message, AuditVerification verification, Throwable cause) {
        super(message, cause);
        this.verification = verification;
    }

    /** The verification that refused the log, or null for an I/O failure. */
    public AuditVerification verification() {
        return verification;
    }
}
