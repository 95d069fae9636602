package org.uketsuke.bridge.store;

import java.util.Objects;

/**
 * Where a shared PostgreSQL レセコン store is: a {@code jdbc:postgresql://host:port/db} URL and the login. Several
 * terminals point at the same target; the password never appears in {@link #toString()} or logs.
 */
public record PostgresTarget(String jdbcUrl, String user, String password) {

    public PostgresTarget {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException(
                    "the PostgreSQL store URL must start with jdbc:postgresql: (" + jdbcUrl + ")");
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    @Override
    public String toString() {
        return "PostgresTarget[" + jdbcUrl + " as " + user + "]";
    }
}
