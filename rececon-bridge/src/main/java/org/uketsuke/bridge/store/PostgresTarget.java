package org.uketsuke.bridge.store;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import org.uketsuke.bridge.store.PostgresTargetException.Reason;

/**
 * Where a shared PostgreSQL レセコン store is: a {@code jdbc:postgresql://host:port/db} URL, the login and how the
 * connection is protected ({@link PostgresTls}). Several terminals point at the same target; the password never
 * appears in {@link #toString()} or logs.
 */
public record PostgresTarget(String jdbcUrl, String user, String password, PostgresTls tls) {

    private static final String PREFIX = "jdbc:postgresql://";

    /** pgjdbc's connection parameters that change TLS; a URL carrying one would override the setting. */
    private static final Pattern TLS_PARAMETER =
            Pattern.compile("[?&](ssl[a-z]*|gsslib|gssencmode|socketFactory[a-z]*)=", Pattern.CASE_INSENSITIVE);

    public PostgresTarget {
        Objects.requireNonNull(tls, "tls");
        checkUrl(jdbcUrl);
        switch (tls) {
            case PostgresTls.VerifyFull v -> {
                if (!Files.isReadable(v.serverCaFile())) {
                    throw new PostgresTargetException(
                            Reason.CA_FILE_UNREADABLE,
                            "the PostgreSQL server CA file cannot be read: " + v.serverCaFile());
                }
            }
            case PostgresTls.PlainOnThisMachine p -> {
                List<String> remote =
                        hosts(jdbcUrl).stream().filter(h -> !isLoopback(h)).toList();
                if (!remote.isEmpty()) {
                    throw new PostgresTargetException(
                            Reason.PLAIN_TO_ANOTHER_MACHINE,
                            "a PostgreSQL connection without TLS is allowed only to this machine, not to " + remote);
                }
            }
        }
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /**
     * The target as an administrator configures it: TLS verified against {@code serverCaFile}, or plain TCP when
     * {@code allowPlain} (to this machine only). Exactly one of the two must be given.
     *
     * @throws PostgresTargetException saying which rule the settings break
     */
    public static PostgresTarget configured(
            String jdbcUrl, String user, String password, Path serverCaFile, boolean allowPlain) {
        checkUrl(jdbcUrl);
        if (allowPlain && serverCaFile != null) {
            throw new PostgresTargetException(
                    Reason.CA_FILE_AND_PLAIN, "a server CA file and plain TCP exclude each other; choose one");
        }
        if (!allowPlain && serverCaFile == null) {
            throw new PostgresTargetException(
                    Reason.CA_FILE_NOT_SET,
                    "the PostgreSQL store needs the server's CA file for verify-full TLS"
                            + " (plain TCP only when explicitly allowed, and only to this machine)");
        }
        PostgresTls tls = allowPlain ? new PostgresTls.PlainOnThisMachine() : new PostgresTls.VerifyFull(serverCaFile);
        return new PostgresTarget(jdbcUrl, user, password, tls);
    }

    private static void checkUrl(String jdbcUrl) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith(PREFIX)) {
            throw new PostgresTargetException(
                    Reason.NOT_A_POSTGRES_URL,
                    "the PostgreSQL store URL must start with " + PREFIX + " (" + jdbcUrl + ")");
        }
        if (TLS_PARAMETER.matcher(jdbcUrl).find()) {
            throw new PostgresTargetException(
                    Reason.TLS_PARAMETER_IN_URL,
                    "the PostgreSQL store URL must not set TLS parameters; configure the server CA file instead ("
                            + jdbcUrl + ")");
        }
    }

    /** The driver properties: the login, and TLS as {@link #tls()} says (pgjdbc's libpq-compatible settings). */
    public Properties connectionProperties() {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        switch (tls) {
            case PostgresTls.VerifyFull v -> {
                properties.setProperty("sslmode", "verify-full");
                properties.setProperty("sslrootcert", v.serverCaFile().toString());
            }
            case PostgresTls.PlainOnThisMachine p -> properties.setProperty("sslmode", "disable");
        }
        return properties;
    }

    /** The host names of a {@code jdbc:postgresql://h1[:p1][,h2[:p2]]/db} URL (none: pgjdbc's default localhost). */
    static List<String> hosts(String jdbcUrl) {
        String rest = jdbcUrl.substring(PREFIX.length());
        int end = rest.indexOf('/');
        String authority = end < 0 ? rest : rest.substring(0, end);
        if (authority.isEmpty()) {
            return List.of("localhost");
        }
        return List.of(authority.split(",")).stream().map(PostgresTarget::host).toList();
    }

    private static String host(String hostAndPort) {
        String host = URI.create("//" + hostAndPort).getHost();
        return host == null ? hostAndPort : host;
    }

    private static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }

    @Override
    public String toString() {
        String mode = tls instanceof PostgresTls.VerifyFull ? "verify-full" : "plain";
        return "PostgresTarget[" + jdbcUrl + " as " + user + ", " + mode + "]";
    }
}
