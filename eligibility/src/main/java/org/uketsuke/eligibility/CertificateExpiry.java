package org.uketsuke.eligibility;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Where a card's auth certificate (利用者証明用電子証明書) stands against its expiry, as readers and the national system
 * treat it: from three months before expiry the patient is told to renew it; for three months after expiry the card
 * still confirms the qualification but gives no medical information; after that it is refused
 * (docs/spec-notes/cards-2026.md#certificate-expiry). The one place these periods live.
 */
public sealed interface CertificateExpiry {

    /** How long before expiry the patient is told to renew. */
    Period WARNING = Period.ofMonths(3);
    /** How long after expiry the qualification is still confirmed, without medical information. */
    Period GRACE = Period.ofMonths(3);
    /** Certificates expire by the calendar of Japan. */
    ZoneId JAPAN = ZoneId.of("Asia/Tokyo");

    /** Valid for longer than the warning period. */
    record Valid(LocalDate expires) implements CertificateExpiry {}

    /** Valid, but expires within {@link #WARNING}: renew at the municipal office before {@code expires}. */
    record ExpiresSoon(LocalDate expires) implements CertificateExpiry {}

    /** Expired, still within {@link #GRACE}: qualification only, no medical information, until {@code graceEnds}. */
    record ExpiredInGrace(LocalDate expired, LocalDate graceEnds) implements CertificateExpiry {}

    /** Expired longer ago than the grace period: the card cannot confirm anything. */
    record Expired(LocalDate expired) implements CertificateExpiry {}

    /**
     * @param notAfter the certificate's last moment of validity
     * @param now the moment of the visit
     */
    static CertificateExpiry of(Instant notAfter, Instant now) {
        Objects.requireNonNull(notAfter, "notAfter");
        LocalDate expires = notAfter.atZone(JAPAN).toLocalDate();
        LocalDate today = now.atZone(JAPAN).toLocalDate();
        if (!now.isAfter(notAfter)) {
            return today.plus(WARNING).isBefore(expires) ? new Valid(expires) : new ExpiresSoon(expires);
        }
        LocalDate graceEnds = expires.plus(GRACE);
        return today.isAfter(graceEnds) ? new Expired(expires) : new ExpiredInGrace(expires, graceEnds);
    }

    /** Whether the national system gives medical information (drugs, checkups …) on this certificate. */
    default boolean medicalInformationGiven() {
        return !hasExpired();
    }

    /** Whether the expiry date has passed (with or without grace left). */
    default boolean hasExpired() {
        return this instanceof ExpiredInGrace || this instanceof Expired;
    }

    /** Whether the patient is to be told to renew: it expires soon, or has expired within its grace. */
    default boolean hasRenewalNotice() {
        return this instanceof ExpiresSoon || this instanceof ExpiredInGrace;
    }

    /** Whether the certificate may still confirm the qualification. */
    default boolean confirmsQualification() {
        return !(this instanceof Expired);
    }
}
