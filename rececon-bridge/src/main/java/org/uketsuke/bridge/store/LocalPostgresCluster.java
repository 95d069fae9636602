package org.uketsuke.bridge.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server on loopback, made with the machine's own PostgreSQL binaries (Debian's
 * {@code postgresql} package): {@code initdb} into a fresh folder, {@code pg_ctl start} on a free port, one database
 * {@code rececon}. For the tests of the PostgreSQL store, the benchmarks, and trying the multi-terminal setup without
 * a database administrator. PostgreSQL refuses to run as root, so as root the server runs as the {@code postgres}
 * user. The server speaks TLS with a certificate for {@code 127.0.0.1} from a CA made for this cluster alone
 * ({@code openssl}), so the store connects as in production: {@code sslmode=verify-full} against {@link #serverCaFile()}.
 * Not for production: a hospital points Uketsuke at its own server ({@link PostgresTarget}).
 */
public final class LocalPostgresCluster implements AutoCloseable {

    public static final String DATABASE = "rececon";
    public static final String USER = "uketsuke";

    private final Path bin;
    private final Path root;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;
    private final boolean tls;

    private LocalPostgresCluster(Path bin, Path root, int port, boolean asPostgresUser, boolean tls) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.tls = tls;
    }

    /**
     * Initialises and starts a TLS cluster in a new temporary folder.
     *
     * @throws IllegalStateException naming the missing package when no PostgreSQL server binaries are installed
     */
    public static LocalPostgresCluster start() throws IOException, InterruptedException {
        return start(true);
    }

    /** A cluster that does not speak TLS at all: what a misconfigured hospital server looks like to the store. */
    public static LocalPostgresCluster startWithoutTls() throws IOException, InterruptedException {
        return start(false);
    }

    private static LocalPostgresCluster start(boolean tls) throws IOException, InterruptedException {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path folder = Files.createTempDirectory("uketsuke-pg-");
        LocalPostgresCluster cluster = new LocalPostgresCluster(bin, folder, freePort(), root, tls);
        if (tls) {
            cluster.issueServerCertificate();
        }
        if (root) {
            chownToPostgres(folder);
        }
        cluster.run(List.of(
                bin.resolve("initdb").toString(),
                "-D",
                cluster.data.toString(),
                "-U",
                USER,
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync"));
        cluster.startServer();
        // A test JVM that is stopped (not killed) still takes its server down with it.
        Thread stopper = Thread.ofPlatform().unstarted(() -> {
            try {
                cluster.stopServer();
            } catch (IOException | InterruptedException ignored) {
                // already stopped
            }
        });
        Runtime.getRuntime().addShutdownHook(stopper);
        try (Connection c = cluster.admin();
                Statement s = c.createStatement()) {
            s.execute("create database " + DATABASE);
        } catch (SQLException e) {
            cluster.close();
            throw new IOException("the local PostgreSQL server did not take a database: " + e.getMessage(), e);
        }
        return cluster;
    }

    /** The {@code rececon} database, connected as the product does: verify-full (plain for a cluster without TLS). */
    public PostgresTarget target() {
        return target(DATABASE);
    }

    /** The CA that issued this cluster's server certificate (PEM). */
    public Path serverCaFile() {
        if (!tls) {
            throw new IllegalStateException("this cluster was started without TLS");
        }
        return root.resolve("ca.crt");
    }

    /** The JDBC URL of a database here, reached under {@code host} (the certificate names only 127.0.0.1). */
    public String jdbcUrl(String host, String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    private PostgresTarget target(String database) {
        PostgresTls protection =
                tls ? new PostgresTls.VerifyFull(serverCaFile()) : new PostgresTls.PlainOnThisMachine();
        return new PostgresTarget(jdbcUrl(database), USER, "", protection);
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(
                jdbcUrl("postgres"), target("postgres").connectionProperties());
    }

    /** A new empty database on this server (tests give each case its own). */
    public PostgresTarget newDatabase(String name) throws SQLException {
        if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("database names here are lower-case identifiers: " + name);
        }
        try (Connection c = admin();
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return target(name);
    }

    public int port() {
        return port;
    }

    /** Stops the server (fast shutdown), keeping its data: "the database server is down". */
    public void stopServer() throws IOException, InterruptedException {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
    }

    /** Starts the server again on the same port with the same data. */
    public void startServer() throws IOException, InterruptedException {
        String options = "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c max_connections=50";
        if (tls) {
            options += " -c ssl=on -c ssl_cert_file=" + root.resolve("server.crt") + " -c ssl_key_file="
                    + root.resolve("server.key");
        }
        run(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-w",
                "-t",
                "60",
                "-l",
                root.resolve("server.log").toString(),
                "-o",
                options,
                "start"));
    }

    private String jdbcUrl(String database) {
        return jdbcUrl("127.0.0.1", database);
    }

    /**
     * A self-signed CA ({@code name.crt}, {@code name.key}) in {@code folder}; also used by tests for "a certificate
     * from another CA".
     */
    static Path makeCertificateAuthority(Path folder, String name) throws IOException, InterruptedException {
        Path certificate = folder.resolve(name + ".crt");
        exec(List.of(
                "openssl",
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-days",
                "7",
                "-subj",
                "/CN=Uketsuke throwaway PostgreSQL CA " + name,
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout",
                folder.resolve(name + ".key").toString(),
                "-out",
                certificate.toString()));
        return certificate;
    }

    /** The server's key and a certificate for IP 127.0.0.1 only (so {@code localhost} is a wrong host name). */
    private void issueServerCertificate() throws IOException, InterruptedException {
        makeCertificateAuthority(root, "ca");
        Path extensions = root.resolve("server.ext");
        Files.writeString(
                extensions,
                "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                        + "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n");
        exec(List.of(
                "openssl",
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                root.resolve("server.key").toString(),
                "-out",
                root.resolve("server.csr").toString()));
        exec(List.of(
                "openssl",
                "x509",
                "-req",
                "-days",
                "7",
                "-in",
                root.resolve("server.csr").toString(),
                "-CA",
                root.resolve("ca.crt").toString(),
                "-CAkey",
                root.resolve("ca.key").toString(),
                "-set_serial",
                "2",
                "-extfile",
                extensions.toString(),
                "-out",
                root.resolve("server.crt").toString()));
        Path key = root.resolve("server.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
        if (asPostgresUser) {
            chownToPostgres(key);
            chownToPostgres(root.resolve("server.crt"));
        }
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        exec(full);
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    private static void chownToPostgres(Path folder) throws IOException {
        UserPrincipalLookupService users = folder.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal postgres;
        GroupPrincipal group;
        try {
            postgres = users.lookupPrincipalByName("postgres");
            group = users.lookupPrincipalByGroupName("postgres");
        } catch (IOException e) {
            throw new IllegalStateException(
                    "running as root needs the 'postgres' user of Debian's postgresql package", e);
        }
        PosixFileAttributeView view = Files.getFileAttributeView(folder, PosixFileAttributeView.class);
        view.setOwner(postgres);
        view.setGroup(group);
    }

    private static Path findBinaries() {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> list = Files.list(versions)) {
                var newest = list.map(v -> v.resolve("bin"))
                        .filter(b ->
                                Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                        .max(Comparator.comparingInt(
                                b -> version(b.getParent().getFileName().toString())));
                if (newest.isPresent()) {
                    return newest.get();
                }
            } catch (IOException e) {
                // fall through to the message below
            }
        }
        throw new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql:"
                + " install Debian's 'postgresql' package (./uketsuke test does)");
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops the server and removes its folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            stopServer();
        } catch (IOException alreadyStopped) {
            // stopped by a test, or never started
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
