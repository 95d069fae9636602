package org.uketsuke.eligibility;

import java.util.Objects;

/**
 * One consent as a result reports it: the flag (OQSCD016), when it was given ({@code …ConsTime}) and until when the
 * information may be viewed ({@code …AcquisitionTime}, older versions {@code …AvailableTime}); times YYYYMMDDhhmmss,
 * null when the system sent none.
 */
public record ConsentRecord(
        ConsentKind kind,
        Consent flag,
        @Nullable String consentTime,
        @Nullable String expiry) {

    public ConsentRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(flag, "flag");
        check(consentTime, "ConsTime");
        check(expiry, "AcquisitionTime");
    }

    private static void check(@Nullable String time, String field) {
        if (time != null && !time.matches("\\d{14}")) {
            throw new InvalidValueException(field, "not YYYYMMDDhhmmss: " + time);
        }
    }
}
