package org.uketsuke.eligibility.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRLReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateRevokedException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The platform's chain and name checks, then the server certificate against its CA's current CRL (RFC 5280 §6.3:
 * issued by the certificate's issuer, signature valid, this update not in the future, next update not passed). A
 * listed certificate fails with {@link CertificateRevokedException}, which the transport maps to its own reason.
 */
final class CrlTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager platform;
    private final KeyStore trustStore;
    private final ServerRevocation.Crl policy;
    private final OkHttpClient fetcher;
    private final Clock clock;
    private X509CRL current;

    /** @param fetcher for http(s) sources: the same TLS material, without this check (no loop) */
    CrlTrustManager(
            X509ExtendedTrustManager platform,
            KeyStore trustStore,
            ServerRevocation.Crl policy,
            OkHttpClient fetcher,
            Clock clock) {
        this.platform = platform;
        this.trustStore = trustStore;
        this.policy = policy;
        this.fetcher = fetcher;
        this.clock = clock;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        platform.checkServerTrusted(chain, authType, socket);
        checkRevocation(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        platform.checkServerTrusted(chain, authType, engine);
        checkRevocation(chain[0]);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        platform.checkServerTrusted(chain, authType);
        checkRevocation(chain[0]);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        platform.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        platform.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        platform.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return platform.getAcceptedIssuers();
    }

    /** The platform's own trust manager, as OkHttp needs it for chain cleaning. */
    X509TrustManager platform() {
        return platform;
    }

    private void checkRevocation(X509Certificate server) throws CertificateException {
        X509CRL crl;
        try {
            crl = crlFor(server);
        } catch (CertificateException e) {
            if (policy.softFail()) {
                return;
            }
            throw e;
        }
        X509CRLEntry entry = crl.getRevokedCertificate(server);
        if (entry != null) {
            CRLReason reason =
                    entry.getRevocationReason() == null ? CRLReason.UNSPECIFIED : entry.getRevocationReason();
            throw new CertificateRevokedException(
                    entry.getRevocationDate(), reason, crl.getIssuerX500Principal(), Collections.emptyMap());
        }
    }

    private synchronized X509CRL crlFor(X509Certificate server) throws CertificateException {
        Instant now = clock.instant();
        if (current == null || !fresh(current, now)) {
            X509CRL loaded = load();
            verify(loaded, server, now);
            current = loaded;
        }
        if (!current.getIssuerX500Principal().equals(server.getIssuerX500Principal())) {
            throw new CertificateException("the CRL of " + current.getIssuerX500Principal()
                    + " does not cover a certificate of " + server.getIssuerX500Principal());
        }
        return current;
    }

    /** Fresh: not past half its validity, so a revocation is seen within half a CRL period. */
    private static boolean fresh(X509CRL crl, Instant now) {
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        if (crl.getNextUpdate() == null) {
            return false;
        }
        Instant nextUpdate = crl.getNextUpdate().toInstant();
        Instant half = thisUpdate.plus(Duration.between(thisUpdate, nextUpdate).dividedBy(2));
        return !now.isBefore(thisUpdate) && now.isBefore(half);
    }

    private void verify(X509CRL crl, X509Certificate server, Instant now) throws CertificateException {
        if (crl.getNextUpdate() == null || !now.isBefore(crl.getNextUpdate().toInstant())) {
            throw new CertificateException("the server CA's CRL from " + policy.source() + " is out of date");
        }
        if (now.plusSeconds(300).isBefore(crl.getThisUpdate().toInstant())) {
            throw new CertificateException("the server CA's CRL from " + policy.source() + " is from the future");
        }
        try {
            for (String alias : Collections.list(trustStore.aliases())) {
                if (trustStore.getCertificate(alias) instanceof X509Certificate ca
                        && ca.getSubjectX500Principal().equals(crl.getIssuerX500Principal())
                        && ca.getSubjectX500Principal().equals(server.getIssuerX500Principal())) {
                    crl.verify(ca.getPublicKey());
                    return;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new CertificateException(
                    "the CRL from " + policy.source() + " is not signed by the server's CA: " + e.getMessage(), e);
        }
        throw new CertificateException("the CRL from " + policy.source() + " is not of a trusted server CA");
    }

    private X509CRL load() throws CertificateException {
        byte[] der;
        try {
            der = policy.source().getScheme().equals("file") ? Files.readAllBytes(Path.of(policy.source())) : fetch();
        } catch (IOException e) {
            throw new CertificateException("no CRL from " + policy.source() + ": " + e.getMessage(), e);
        }
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new CertificateException("not a CRL at " + policy.source() + ": " + e.getMessage(), e);
        }
    }

    private byte[] fetch() throws IOException {
        Request request =
                new Request.Builder().url(policy.source().toString()).get().build();
        try (Response response = fetcher.newCall(request).execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code());
            }
            return body.bytes();
        }
    }
}
