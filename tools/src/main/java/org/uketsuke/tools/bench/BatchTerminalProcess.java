package org.uketsuke.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.uketsuke.app.CompilerPriority;
import org.uketsuke.app.reception.BatchPreCheck;
import org.uketsuke.bridge.BridgeConfig;
import org.uketsuke.bridge.RececonBridge;
import org.uketsuke.eligibility.InsuranceCardId;
import org.uketsuke.eligibility.InsuranceSearch;
import org.uketsuke.eligibility.InsurerNumber;
import org.uketsuke.eligibility.Qualification;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.TlsMaterial;

/**
 * One terminal of the 一括照会 bench, in its own JVM: its own outbox, the one mock backend over mTLS shared by every
 * terminal (its terminal key and CA from files), delivering into the shared PostgreSQL store. Prints {@code nanos T}
 * for its batch (upload, poll, every answer into its outbox and the store) and {@code key K STATE} per entry.
 *
 * <p>Arguments: work folder, terminal number, JDBC URL, user, password, server CA file or {@code plain}, backend URI,
 * terminal PKCS#12 file, its password, backend CA PEM file, bookings file (one "insurer symbol number branch birthdate"
 * line per booked patient, {@link #writeBookings}).
 */
public final class BatchTerminalProcess {

    private static final String INSTITUTION = "1311234567";
    /** Of the bench's own throwaway PKCS#12 copy of the mock backend's test terminal key. */
    static final String PASSWORD = "bench";

    private static final String NONE = "\\N";

    private BatchTerminalProcess() {}

    /** The terminal's key and the backend's CA as files for {@link #main}: {@code terminal.p12} and {@code ca.pem}. */
    static void writeTls(TlsMaterial tls, Path dir) throws IOException, GeneralSecurityException {
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        for (String alias : Collections.list(tls.keyStore().aliases())) {
            if (tls.keyStore().isKeyEntry(alias)) {
                p12.setKeyEntry(
                        alias,
                        tls.keyStore().getKey(alias, tls.keyPassword()),
                        PASSWORD.toCharArray(),
                        tls.keyStore().getCertificateChain(alias));
            }
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("terminal.p12"))) {
            p12.store(out, PASSWORD.toCharArray());
        }
        StringBuilder pem = new StringBuilder();
        for (String alias : Collections.list(tls.trustStore().aliases())) {
            pem.append("-----BEGIN CERTIFICATE-----\n")
                    .append(Base64.getMimeEncoder(64, new byte[] {'\n'})
                            .encodeToString(
                                    tls.trustStore().getCertificate(alias).getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Files.writeString(dir.resolve("ca.pem"), pem);
    }

    /** One tab-separated "insurer, symbol, number, branch, birthdate" line per booked patient ({@code \N}: none). */
    static void writeBookings(List<Qualification> people, Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Qualification q : people) {
            InsuranceCardId c = q.card();
            lines.add(String.join(
                    "\t",
                    c.insurer().value(),
                    field(c.symbol()),
                    field(c.number()),
                    field(c.branch()),
                    q.birthdate().toString()));
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    private static String field(String value) {
        return value == null ? NONE : value;
    }

    private static List<InsuranceSearch> readBookings(Path file, String idPrefix) throws IOException {
        List<InsuranceSearch> booked = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", -1);
            booked.add(new InsuranceSearch(
                    new InsuranceCardId(InsurerNumber.of(f[0]), value(f[1]), value(f[2]), value(f[3])),
                    LocalDate.parse(f[4]),
                    false,
                    idPrefix + booked.size()));
        }
        return booked;
    }

    private static String value(String field) {
        return field.equals(NONE) ? null : field;
    }

    public static void main(String[] args) throws Exception {
        CompilerPriority.lower(); // as the windowed kiosk, whose visits these are
        Path work = Path.of(args[0]);
        TlsMaterial tls = TlsMaterial.fromPkcs12(Path.of(args[7]), args[8].toCharArray(), Path.of(args[9]));
        List<InsuranceSearch> booked = readBookings(Path.of(args[10]), "booking-" + args[1] + "-");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (RececonBridge bridge = RececonBridge.open(
                new BridgeConfig(work.resolve("outbox.db"), null, null, INSTITUTION, StandardCharsets.UTF_8)
                        .withPostgres(TerminalProcess.target(args)))) {
            BatchPreCheck check = new BatchPreCheck(
                    new HttpsEligibilityClient(URI.create(args[6]), tls, Duration.ofSeconds(30)),
                    bridge,
                    Clock.systemUTC());
            long go = Terminals.awaitGo(
                    out, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), args[1]);
            Thread.sleep(Math.max(0, (go - System.nanoTime()) / 1_000_000));
            long t0 = System.nanoTime();
            BatchPreCheck.Summary summary = check.run(booked, Duration.ofSeconds(120));
            long nanos = System.nanoTime() - t0;
            if (summary.failure() != null) {
                throw new IllegalStateException("terminal " + args[1] + ": " + summary.failure());
            }
            out.println("nanos " + nanos);
            out.println("confirmed " + summary.confirmed());
            TerminalProcess.printKeys(bridge, out);
        }
    }
}
