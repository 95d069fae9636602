package org.uketsuke.bridge;

import java.util.Objects;
import org.uketsuke.bridge.retention.Retention;
import org.uketsuke.bridge.sink.PrivateFiles;

/**
 * How the terminal protects the personal data it keeps (docs/install.md#privacy): who besides its own user may read
 * its files, how long it keeps them, and how large a request file from a レセコン may be before it is refused unread.
 */
public record DataProtection(PrivateFiles.Access access, Retention retention, long maxRequestBytes) {

    /** Owner only, 90 days, 1 MiB requests. */
    public static final DataProtection DEFAULT =
            new DataProtection(PrivateFiles.OWNER_ONLY, Retention.DEFAULT, 1024 * 1024);

    public DataProtection {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(retention, "retention");
        if (maxRequestBytes < 1024 || maxRequestBytes > 1024L * 1024 * 1024) {
            throw new IllegalArgumentException("the request size limit is 1 KiB to 1 GiB");
        }
    }
}
