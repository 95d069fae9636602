package org.uketsuke.mockbackend;

import java.time.format.DateTimeFormatter;
import org.uketsuke.eligibility.CertificateExpiry;
import org.uketsuke.eligibility.Nullable;

/**
 * The {@code ProcessingResultMessage} a normal result carries when the card's certificate expires soon or has expired
 * within its grace. The official wording and code are not public: these texts stand in for them
 * (docs/spec-notes/cards-2026.md#certificate-expiry).
 */
final class ExpiryNotices {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuu年M月d日");

    private ExpiryNotices() {}

    static @Nullable String of(CertificateExpiry expiry) {
        return switch (expiry) {
            case CertificateExpiry.Valid _, CertificateExpiry.Expired _ -> null;
            case CertificateExpiry.ExpiresSoon soon ->
                "利用者証明用電子証明書の有効期限が近づいています（" + DAY.format(soon.expires()) + "）。市区町村窓口で更新してください。";
            case CertificateExpiry.ExpiredInGrace grace ->
                "利用者証明用電子証明書の有効期限が切れています（" + DAY.format(grace.expired()) + "）。資格情報のみ提供します（"
                        + DAY.format(grace.graceEnds()) + "まで）。市区町村窓口で更新してください。";
        };
    }
}
