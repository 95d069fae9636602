package org.uketsuke.mockbackend;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The server's check of terminal (client) certificates in the TLS handshake: the JDK's trust manager over the
 * terminal CA, then a PKIX path validation with revocation checking against the terminal CA's current CRL (the same
 * one {@code GET /crl/terminal.crl} serves). A revoked terminal certificate fails the handshake.
 */
final class TerminalTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager delegate;
    private final Revocation revocation;
    private final Clock clock;

    TerminalTrustManager(X509ExtendedTrustManager delegate, Revocation revocation, Clock clock) {
        this.delegate = delegate;
        this.revocation = revocation;
        this.clock = clock;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
        checkNotRevoked(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
        checkNotRevoked(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
        checkNotRevoked(chain);
    }

    private void checkNotRevoked(X509Certificate[] chain) throws CertificateException {
        X509Certificate terminalCa =
                revocation.ca(Revocation.Authority.TERMINAL).certificate();
        try {
            PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(terminalCa, null)));
            params.setRevocationEnabled(true);
            params.setDate(Date.from(clock.instant()));
            params.addCertStore(CertStore.getInstance(
                    "Collection",
                    new CollectionCertStoreParameters(List.of(revocation.crl(Revocation.Authority.TERMINAL)))));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(chain[0])), params);
        } catch (GeneralSecurityException e) {
            throw new CertificateException("terminal certificate refused: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("this trust manager checks clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("this trust manager checks clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager checks clients only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return delegate.getAcceptedIssuers();
    }
}
