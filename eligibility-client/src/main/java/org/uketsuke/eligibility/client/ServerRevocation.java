package org.uketsuke.eligibility.client;

import java.net.URI;
import java.util.Objects;

/**
 * How the client checks that the backend's server certificate has not been revoked. We use the server CA's CRL rather
 * than OCSP (see docs/backend-api.md, "Server certificate revocation"): one signed list fetched now and then, checked
 * locally on every handshake, with no extra round trip and no third party learning when the clinic connects.
 */
public sealed interface ServerRevocation {

    /** No revocation check (test setups whose CA publishes no CRL). */
    record NotChecked() implements ServerRevocation {}

    /**
     * The server CA's CRL from {@code source}: a {@code file:} URI, or an {@code http:}/{@code https:} URL (fetched
     * without the revocation check itself; the CRL's own signature is what makes it trustworthy). Reloaded when past
     * half its validity. Hard fail by default: no valid CRL (missing, stale, badly signed) → no connection; with
     * {@code softFail} a missing CRL lets the handshake through, a listed certificate is refused either way.
     */
    record Crl(URI source, boolean softFail) implements ServerRevocation {
        public Crl {
            Objects.requireNonNull(source, "source");
            String scheme = source.getScheme();
            if (scheme == null || !(scheme.equals("file") || scheme.equals("http") || scheme.equals("https"))) {
                throw new IllegalArgumentException("a CRL source is a file:, http: or https: URI: " + source);
            }
        }
    }
}
