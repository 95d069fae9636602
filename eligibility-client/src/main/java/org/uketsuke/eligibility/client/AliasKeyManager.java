package org.uketsuke.eligibility.client;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The client side of the handshake with one named entry of a key store that holds others (the Windows certificate
 * store holds every certificate of the user or machine, a token may hold several keys): the terminal's certificate is
 * always the configured one, never whichever the server's accepted issuers happen to match first.
 */
final class AliasKeyManager extends X509ExtendedKeyManager {

    private final X509ExtendedKeyManager keys;
    private final String alias;

    private AliasKeyManager(X509ExtendedKeyManager keys, String alias) {
        this.keys = keys;
        this.alias = alias;
    }

    /** The factory's managers, each bound to {@code tls}'s alias when it names one. */
    static KeyManager[] of(KeyManagerFactory factory, TlsMaterial tls) {
        KeyManager[] managers = factory.getKeyManagers();
        if (tls.keyAlias().isEmpty()) {
            return managers;
        }
        KeyManager[] bound = new KeyManager[managers.length];
        for (int i = 0; i < managers.length; i++) {
            bound[i] = managers[i] instanceof X509ExtendedKeyManager x509
                    ? new AliasKeyManager(x509, tls.keyAlias().get())
                    : managers[i];
        }
        return bound;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return alias;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return alias;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return new String[] {alias};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return new String[0];
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String name) {
        return keys.getCertificateChain(name);
    }

    @Override
    public PrivateKey getPrivateKey(String name) {
        return keys.getPrivateKey(name);
    }
}
