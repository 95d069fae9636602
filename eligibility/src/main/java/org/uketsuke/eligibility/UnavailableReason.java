package org.uketsuke.eligibility;

/** Why no answer came from the qualification system; the visit can be retried or queued. */
public enum UnavailableReason {
    /** Nothing listening (connection refused) or the host is unknown. */
    UNREACHABLE,
    /** No answer within the call's timeout. */
    TIMEOUT,
    /** The server's certificate is not trusted, or it refused ours. */
    TLS_FAILURE,
    /** The server's certificate is trusted but made out for another host name than the configured URL's. */
    SERVER_NAME_MISMATCH,
    /** The server's certificate is on its CA's revocation list. */
    SERVER_CERTIFICATE_REVOKED,
    /** An HTTP error status (the diagnostic names it). */
    SERVER_ERROR,
    /** An answer that is not the message it should be (truncated, DTD, wrong root, bad field). */
    MALFORMED_RESPONSE,
    /** Not asked at all: after repeated failures the circuit breaker refuses calls for a while. */
    CIRCUIT_OPEN,
    /**
     * This backend does not offer the call: through the 連携アプリ's folders the clinic's certified reader confirms
     * cards, not this terminal (docs/decisions/0012-folders-backend.md).
     */
    NOT_OFFERED
}
