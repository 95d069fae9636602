package org.uketsuke.mockbackend;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.uketsuke.eligibility.CertificateExpiry;
import org.uketsuke.eligibility.RejectionReason;

/**
 * The nonces the backend hands out ({@code POST /oqs/v1/nonce}: 32 random bytes, base64, single use, valid 60 s) and
 * the checks every card request passes first, each with its own answer.
 */
final class CardChecks {

    private static final Duration NONCE_LIFETIME = Duration.ofSeconds(60);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

    private final TestPki pki;
    private final Revocation revocation;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> nonces = new ConcurrentHashMap<>();
    /** When expired nonces are next swept out: at most once a second, not on every nonce (a scan of them all). */
    private volatile Instant nextSweep = Instant.MIN;

    CardChecks(TestPki pki, Revocation revocation, Clock clock) {
        this.pki = pki;
        this.revocation = revocation;
        this.clock = clock;
    }

    String newNonce() {
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        String text = Base64.getEncoder().encodeToString(nonce);
        Instant now = clock.instant();
        if (now.isAfter(nextSweep)) {
            // An expired nonce is refused by its expiry whether or not it was swept yet; the sweep bounds memory.
            nextSweep = now.plus(SWEEP_INTERVAL);
            nonces.values().removeIf(expiry -> expiry.isBefore(now));
        }
        nonces.put(text, now.plus(NONCE_LIFETIME));
        return text;
    }

    /**
     * The nonce known and unused (it is used up now), the certificate signed by the test JPKI CA, within its validity
     * or its three months' grace after it, and not revoked (the register the CRL and the OCSP responder read): passed with
     * the certificate when all hold.
     */
    CheckedCard checkNonceAndCertificate(byte[] nonce, byte[] certificateDer) {
        Instant expiry = nonces.remove(Base64.getEncoder().encodeToString(nonce));
        if (expiry == null || expiry.isBefore(clock.instant())) {
            return refused(RejectionReason.NONCE_INVALID, "ナンスが無効です。");
        }
        X509Certificate certificate;
        try {
            certificate = Certificates.parse(certificateDer);
            certificate.verify(pki.jpkiCa().certificate().getPublicKey());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return refused(RejectionReason.CERTIFICATE_INVALID, "電子証明書を検証できません。");
        }
        try {
            certificate.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException e) {
            // Within three months of expiry the qualification is still confirmed (without medical information).
            if (!expiryOf(certificate).confirmsQualification()) {
                return refused(RejectionReason.CERTIFICATE_EXPIRED, "電子証明書の有効期限が切れています。");
            }
        } catch (CertificateNotYetValidException e) {
            return refused(RejectionReason.CERTIFICATE_INVALID, "電子証明書はまだ有効ではありません。");
        }
        if (revocation.revoked(Revocation.Authority.JPKI, certificate)) {
            return refused(RejectionReason.CERTIFICATE_REVOKED, "電子証明書は失効しています。");
        }
        return new CheckedCard.Passed(certificate);
    }

    private static CheckedCard refused(RejectionReason reason, String message) {
        return new CheckedCard.Refused(new Refusal(reason, message));
    }

    /** Where the card's auth certificate stands against its expiry now (docs/spec-notes/cards-2026.md). */
    CertificateExpiry expiryOf(X509Certificate certificate) {
        return CertificateExpiry.of(certificate.getNotAfter().toInstant(), clock.instant());
    }
}
