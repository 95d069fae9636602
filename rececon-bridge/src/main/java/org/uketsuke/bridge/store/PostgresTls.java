package org.uketsuke.bridge.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How the connection to a shared PostgreSQL store is protected. The default is TLS with the server checked as libpq's
 * {@code sslmode=verify-full} does: its certificate must chain to the configured CA file and name the host the URL
 * names. Plain TCP exists only for a server on this machine, and only when the administrator asks for it.
 */
public sealed interface PostgresTls {

    /** TLS; the server's certificate is checked against {@code serverCaFile} (PEM) and the URL's host name. */
    record VerifyFull(Path serverCaFile) implements PostgresTls {
        public VerifyFull {
            Objects.requireNonNull(serverCaFile, "serverCaFile");
        }
    }

    /** No TLS, explicitly allowed by the administrator; {@link PostgresTarget} accepts it for loopback hosts only. */
    record PlainOnThisMachine() implements PostgresTls {}
}
