package org.uketsuke.mockbackend;

import java.security.KeyStore;
import java.security.cert.CRL;
import java.time.Clock;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The server side of the backend's TLS: its certificate (valid, or the expired one a fault asks for) and mandatory
 * client certificates of the terminal CA, checked against the terminal CA's current CRL (revoked → no handshake).
 */
final class BackendTls {

    private final TestPki pki;
    private final SslContextFactory.Server factory;
    private volatile boolean servingExpiredCertificate;

    BackendTls(TestPki pki, Revocation revocation, Clock clock, boolean expiredServerCertificate) {
        this.pki = pki;
        this.factory = new SslContextFactory.Server() {
            @Override
            protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls)
                    throws Exception {
                TrustManager[] defaults = super.getTrustManagers(trustStore, crls);
                for (int i = 0; i < defaults.length; i++) {
                    if (defaults[i] instanceof X509ExtendedTrustManager x509) {
                        defaults[i] = new TerminalTrustManager(x509, revocation, clock);
                    }
                }
                return defaults;
            }
        };
        servingExpiredCertificate = expiredServerCertificate;
        factory.setKeyStore(expiredServerCertificate ? pki.expiredServerKeyStore() : pki.serverKeyStore());
        factory.setKeyStorePassword(new String(TestPki.PASSWORD));
        factory.setTrustStore(pki.terminalTrustStore());
        factory.setNeedClientAuth(true);
        // TLS 1.2: a refused client certificate then fails the handshake itself, so the terminal sees a TLS failure
        // every time (with 1.3 the client may finish first and only see a reset on its first read).
        factory.setIncludeProtocols("TLSv1.2");
    }

    SslContextFactory.Server factory() {
        return factory;
    }

    /** Switches the certificate new connections see; connections already open keep their session. */
    synchronized void serveExpiredCertificate(boolean expired) {
        if (expired == servingExpiredCertificate) {
            return;
        }
        try {
            factory.reload(f -> f.setKeyStore(expired ? pki.expiredServerKeyStore() : pki.serverKeyStore()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot switch the server certificate", e);
        }
        servingExpiredCertificate = expired;
    }
}
