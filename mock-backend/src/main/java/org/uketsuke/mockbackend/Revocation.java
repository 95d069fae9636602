package org.uketsuke.mockbackend;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Revocation of what the test CAs issued, from the certificate register in the population database: a CRL per CA
 * (RFC 5280, signed by the CA, next update one day later, each revoked serial with its reason) and an OCSP responder
 * (RFC 6960; the CA signs its own answers, good / revoked / unknown per requested certificate, the request's nonce
 * echoed). The backend's own checks — card certificates in confirmations, terminal certificates in the TLS handshake —
 * read the same register, so what the CRL and OCSP say is what the backend does.
 */
final class Revocation {

    /** A CA of the test PKI whose certificates can be revoked. */
    enum Authority {
        /** The test JPKI user-authentication CA: card auth certificates. */
        JPKI("jpki"),
        /** The terminal CA: medical institution client certificates. */
        TERMINAL("terminal"),
        /** The server TLS CA: the backend's own server certificate, which terminals check. */
        SERVER_TLS("tls");

        final String key;

        Authority(String key) {
            this.key = key;
        }

        static Optional<Authority> ofKey(String key) {
            for (Authority a : values()) {
                if (a.key.equals(key)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    /** How long a CRL or an OCSP answer may be relied on. */
    static final Duration VALIDITY = Duration.ofDays(1);

    private final TestPki pki;
    private final PopulationStore register;
    private final Clock clock;
    private final AtomicLong crlNumber = new AtomicLong();
    /** The current CRL per CA; dropped on every revocation, so the next reader gets a fresh one. */
    private final Map<Authority, X509CRL> current = new ConcurrentHashMap<>();

    Revocation(TestPki pki, PopulationStore register, Clock clock) {
        this.pki = pki;
        this.register = register;
        this.clock = clock;
        crlNumber.set(clock.millis());
    }

    TestPki.Entry ca(Authority authority) {
        return switch (authority) {
            case JPKI -> pki.jpkiCa();
            case TERMINAL -> pki.terminalCa();
            case SERVER_TLS -> pki.tlsCa();
        };
    }

    static String serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    void issued(Authority authority, X509Certificate certificate) {
        register.registerCertificate(authority.key, serialOf(certificate));
    }

    void revoke(Authority authority, X509Certificate certificate, int crlReason) {
        register.revokeCertificate(authority.key, serialOf(certificate), clock.instant(), crlReason);
        current.remove(authority);
    }

    boolean revoked(Authority authority, X509Certificate certificate) {
        return register.certificate(authority.key, serialOf(certificate))
                .map(PopulationStore.CertificateEntry::revoked)
                .orElse(false);
    }

    /** The CA's current CRL; a new one once the old one is past half its validity or something was revoked. */
    X509CRL crl(Authority authority) {
        X509CRL crl = current.get(authority);
        Instant now = clock.instant();
        if (crl == null
                || crl.getThisUpdate().toInstant().plus(VALIDITY.dividedBy(2)).isBefore(now)
                || crl.getThisUpdate().toInstant().isAfter(now)) {
            crl = buildCrl(authority, now);
            current.put(authority, crl);
        }
        return crl;
    }

    private X509CRL buildCrl(Authority authority, Instant now) {
        TestPki.Entry ca = ca(authority);
        try {
            X509v2CRLBuilder builder =
                    new X509v2CRLBuilder(new JcaX509CertificateHolder(ca.certificate()).getSubject(), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(VALIDITY)));
            for (PopulationStore.CertificateEntry entry : register.revokedCertificates(authority.key)) {
                builder.addCRLEntry(
                        new BigInteger(entry.serial(), 16),
                        Date.from(entry.revokedAt()),
                        entry.reason() == null ? CRLReason.unspecified : entry.reason());
            }
            builder.addExtension(
                    Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(crlNumber.incrementAndGet())));
            builder.addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.certificate()));
            return new JcaX509CRLConverter()
                    .getCRL(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(ca.key())));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the CRL of " + authority, e);
        }
    }

    /**
     * The answer to a DER {@code OCSPRequest}: {@code malformedRequest} if it cannot be read, otherwise a response
     * signed by the CA of the first requested certificate, with one status per requested certificate — good when that
     * CA issued it and it is not revoked, revoked with time and reason, unknown for a serial it never issued or a
     * certificate of another CA.
     */
    byte[] ocsp(byte[] der) {
        try {
            OCSPReq request;
            try {
                request = new OCSPReq(der);
            } catch (IOException | RuntimeException e) {
                return new OCSPRespBuilder()
                        .build(OCSPRespBuilder.MALFORMED_REQUEST, null)
                        .getEncoded();
            }
            Req[] items = request.getRequestList();
            if (items.length == 0) {
                return new OCSPRespBuilder()
                        .build(OCSPRespBuilder.MALFORMED_REQUEST, null)
                        .getEncoded();
            }
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            Authority signer = authorityOf(items[0].getCertID(), digests).orElse(Authority.JPKI);
            TestPki.Entry ca = ca(signer);
            X509CertificateHolder caHolder = new JcaX509CertificateHolder(ca.certificate());
            BasicOCSPRespBuilder builder =
                    new JcaBasicOCSPRespBuilder(ca.certificate().getPublicKey(), digests.get(CertificateID.HASH_SHA1));
            Instant now = clock.instant();
            for (Req item : items) {
                CertificateID id = item.getCertID();
                CertificateStatus status = new UnknownStatus();
                if (id.matchesIssuer(caHolder, digests)) {
                    var entry = register.certificate(
                            signer.key, id.getSerialNumber().toString(16));
                    if (entry.isPresent()) {
                        status = entry.get().revoked()
                                ? new RevokedStatus(
                                        Date.from(entry.get().revokedAt()),
                                        entry.get().reason() == null
                                                ? CRLReason.unspecified
                                                : entry.get().reason())
                                : CertificateStatus.GOOD;
                    }
                }
                builder.addResponse(id, status, Date.from(now), Date.from(now.plus(VALIDITY)), null);
            }
            Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            var basic = builder.build(
                    new JcaContentSignerBuilder("SHA256withRSA").build(ca.key()),
                    new X509CertificateHolder[] {caHolder},
                    Date.from(now));
            return new OCSPRespBuilder()
                    .build(OCSPRespBuilder.SUCCESSFUL, basic)
                    .getEncoded();
        } catch (OCSPException | OperatorCreationException | GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot answer OCSP", e);
        }
    }

    private Optional<Authority> authorityOf(CertificateID id, DigestCalculatorProvider digests) throws OCSPException {
        for (Authority authority : Authority.values()) {
            try {
                if (id.matchesIssuer(new JcaX509CertificateHolder(ca(authority).certificate()), digests)) {
                    return Optional.of(authority);
                }
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }
}
