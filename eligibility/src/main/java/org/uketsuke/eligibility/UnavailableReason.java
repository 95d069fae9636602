package org.uketsuke.eligibility;

/** Why no answer came from the qualification system; the visit can be retried or queued. */
public enum UnavailableReason {
    UNREACHABLE,
    TIMEOUT,
    TLS_FAILURE,
    SERVER_ERROR,
    MALFORMED_RESPONSE
}
