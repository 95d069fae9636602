package org.uketsuke.mockbackend;

import java.security.cert.X509Certificate;

/**
 * A card request after its first checks: refused with its reason, or passed with the auth certificate they read — the
 * later steps use that one instead of parsing the request's DER again (it was parsed three times per confirmation).
 */
sealed interface CheckedCard {

    record Passed(X509Certificate certificate) implements CheckedCard {}

    record Refused(Refusal refusal) implements CheckedCard {}

    /** The refusal, or null when the checks passed (the callers' convention). */
    default Refusal refusal() {
        return this instanceof Refused refused ? refused.refusal() : null;
    }
}
