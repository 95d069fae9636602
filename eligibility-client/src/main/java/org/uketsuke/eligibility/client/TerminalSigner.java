package org.uketsuke.eligibility.client;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Collections;
import java.util.List;

/**
 * Signs with the terminal's own key (the private key of its TLS client certificate): SHA256withRSA. A key held by a
 * token or the OS is signed with by its own provider, found by the JCA from the key.
 */
public final class TerminalSigner {

    private TerminalSigner() {}

    public static byte[] sign(TlsMaterial tls, byte[] data) {
        try {
            KeyStore store = tls.keyStore();
            List<String> aliases =
                    tls.keyAlias().isPresent() ? List.of(tls.keyAlias().get()) : Collections.list(store.aliases());
            for (String alias : aliases) {
                if (store.isKeyEntry(alias)) {
                    Key key = store.getKey(alias, tls.keyPassword());
                    if (key instanceof PrivateKey privateKey) {
                        Signature rsa = Signature.getInstance("SHA256withRSA");
                        rsa.initSign(privateKey);
                        rsa.update(data);
                        return rsa.sign();
                    }
                }
            }
            throw new IllegalStateException("the terminal key store holds no private key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the terminal key: " + e.getMessage(), e);
        }
    }
}
