package org.uketsuke.eligibility;

import java.security.KeyStore;
import java.util.Objects;

/**
 * The terminal's TLS identity (client certificate + key, issued to the medical institution) and the CAs it trusts for
 * the server. Nothing else is trusted.
 */
public record TlsMaterial(KeyStore keyStore, char[] keyPassword, KeyStore trustStore) {

    public TlsMaterial {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(keyPassword, "keyPassword");
        Objects.requireNonNull(trustStore, "trustStore");
        keyPassword = keyPassword.clone();
    }

    @Override
    public char[] keyPassword() {
        return keyPassword.clone();
    }

    @Override
    public String toString() {
        return "TlsMaterial[****]";
    }
}
