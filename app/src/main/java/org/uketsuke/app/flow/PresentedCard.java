package org.uketsuke.app.flow;

import java.util.Objects;
import java.util.Optional;
import org.uketsuke.eligibility.CertificateExpiry;

/**
 * The card or phone of the visit: its kind, and where its auth certificate stands against expiry once the certificate
 * has been read (an Android phone shows it only after the PIN).
 */
public record PresentedCard(CardKind kind, Optional<CertificateExpiry> expiry) {

    /** Before anything was read, and in tests that do not care: a My Number card. */
    public static final PresentedCard MY_NUMBER_CARD = new PresentedCard(CardKind.MY_NUMBER_CARD, Optional.empty());

    public PresentedCard {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(expiry, "expiry");
    }

    /** A card whose certificate has not been read yet. */
    public static PresentedCard of(CardKind kind) {
        return new PresentedCard(kind, Optional.empty());
    }

    public PresentedCard(CardKind kind, CertificateExpiry expiry) {
        this(kind, Optional.of(expiry));
    }

    /** The notice the result screen and the staff console show: renew soon, or qualification only. */
    public Optional<CertificateExpiry> renewalNotice() {
        return expiry.filter(CertificateExpiry::hasRenewalNotice);
    }
}
