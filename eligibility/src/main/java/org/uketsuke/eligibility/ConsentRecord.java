package org.uketsuke.eligibility;

import java.util.Objects;
import java.util.regex.Pattern;

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

    /** Compiled once: a result carries 7 consents with two times each (String.matches compiled it per time). */
    private static final Pattern TIME = Pattern.compile("\\d{14}");

    private static void check(@Nullable String time, String field) {
        if (time != null && !TIME.matcher(time).matches()) {
            throw new InvalidValueException(field, "not YYYYMMDDhhmmss: " + time);
        }
    }
}
