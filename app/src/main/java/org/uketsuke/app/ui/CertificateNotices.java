package org.uketsuke.app.ui;

import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.uketsuke.app.flow.PresentedCard;
import org.uketsuke.eligibility.CertificateExpiry;

/**
 * The words for a certificate about to expire or expired within its grace: on the patient's result screen (when and
 * how to renew) and on the staff console (qualification only, no medical information). The periods themselves are
 * {@link CertificateExpiry}'s.
 */
final class CertificateNotices {

    private CertificateNotices() {}

    /** For the patient's result screen; empty when there is nothing to tell. */
    static Optional<String> forPatient(Messages m, PresentedCard card) {
        return card.renewalNotice().map(e -> text(m, "result.certificate.", e));
    }

    /** For the staff console's row of the visit; empty when there is nothing to tell. */
    static Optional<String> forStaff(Messages m, Optional<CertificateExpiry> certificate) {
        return certificate.filter(CertificateExpiry::hasRenewalNotice).map(e -> text(m, "staff.certificate.", e));
    }

    private static String text(Messages m, String prefix, CertificateExpiry expiry) {
        DateTimeFormatter day = DateTimeFormatter.ISO_LOCAL_DATE;
        return switch (expiry) {
            case CertificateExpiry.ExpiresSoon soon -> m.get(prefix + "expiresSoon", day.format(soon.expires()));
            case CertificateExpiry.ExpiredInGrace grace ->
                m.get(prefix + "inGrace", day.format(grace.expired()), day.format(grace.graceEnds()));
            case CertificateExpiry.Valid _, CertificateExpiry.Expired _ ->
                throw new IllegalArgumentException("no renewal notice for " + expiry);
        };
    }
}
