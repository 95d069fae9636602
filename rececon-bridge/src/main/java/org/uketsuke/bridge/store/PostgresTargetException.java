package org.uketsuke.bridge.store;

/** A PostgreSQL store setting that cannot be used; the reason says which rule it breaks. */
public final class PostgresTargetException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why the target was refused. */
    public enum Reason {
        /** The URL is not {@code jdbc:postgresql://…}. */
        NOT_A_POSTGRES_URL,
        /** The URL sets TLS parameters itself (e.g. {@code sslmode=disable}); TLS is configured only by setting. */
        TLS_PARAMETER_IN_URL,
        /** Plain TCP was allowed for a host that is not this machine. */
        PLAIN_TO_ANOTHER_MACHINE,
        /** The server CA file for verify-full cannot be read. */
        CA_FILE_UNREADABLE,
        /** Neither a server CA file nor an explicit permission for plain TCP was configured. */
        CA_FILE_NOT_SET,
        /** Both a server CA file and plain TCP were configured. */
        CA_FILE_AND_PLAIN
    }

    private final Reason reason;

    public PostgresTargetException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
