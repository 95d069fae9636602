package org.uketsuke.tools.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.uketsuke.eligibility.client.TlsMaterial;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.tools.bench.BenchTable.Result;
import org.uketsuke.tools.bench.BenchTable.Row;

/**
 * Floors (issue #23): what a figure cannot go below on this machine, measured in the same run, so the ratio rows hold
 * on a slow CPU as on a fast one. Card → store against the sum of its floors (the certificate read through pcscd/vpcd,
 * one mTLS round trip, one fsync); the backend's confirmations/s against a minimal mTLS echo with the same key type and
 * the same TLS version on both ends.
 */
final class Floors {

    /** A confirmation request's size on the wire, about (the echo sends and returns this many bytes). */
    private static final int MESSAGE = 2_048;

    private static final int ECHO_THREADS = 4;

    /**
     * Each floor's measurements are cut, in the order taken, into blocks of this many; the floor is the least of the
     * blocks' p95s. Other load comes in bursts: one burst in a short floor row raised its whole p95 (4.19 instead of
     * 0.59 ms for the certificate read in a run of 2026-12-06, so the ratio passed on a floor three times too high).
     * The least block is the machine's cost when nothing else ran; it can only make a ratio larger, never flatter it.
     */
    static final int FLOOR_BLOCK = 50;

    private double certificateRead = Double.NaN;
    private double fsync = Double.NaN;
    private double roundTrip = Double.NaN;
    private double echoRate = Double.NaN;
    private double cardDialogue = Double.NaN;

    /** The certificate read a visit makes, each read's time in the order taken. */
    void certificateRead(long[] nanos) {
        this.certificateRead = leastBlockP95(nanos, FLOOR_BLOCK);
    }

    /** One fsync's times in the order taken. */
    void fsync(long[] nanos) {
        this.fsync = leastBlockP95(nanos, FLOOR_BLOCK);
    }

    /** One mTLS round trip's times in the order taken. */
    void roundTrip(long[] nanos) {
        this.roundTrip = leastBlockP95(nanos, FLOOR_BLOCK);
    }

    /** The card's whole part of a PIN visit alone ({@link CardDialogue}), each dialogue's time in the order taken. */
    void cardDialogue(long[] nanos) {
        this.cardDialogue = leastBlockP95(nanos, FLOOR_BLOCK);
    }

    double cardDialogue() {
        return cardDialogue;
    }

    /**
     * The least p95 of consecutive blocks of {@code block} measurements (a last, shorter block joins the one before
     * it); with fewer than two blocks' worth, the p95 of all.
     */
    static double leastBlockP95(long[] nanos, int block) {
        int blocks = Math.max(1, nanos.length / block);
        double least = Double.POSITIVE_INFINITY;
        for (int b = 0; b < blocks; b++) {
            int from = b * block;
            int to = b == blocks - 1 ? nanos.length : from + block;
            least = Math.min(
                    least, Stats.ofNanos(Arrays.copyOfRange(nanos, from, to)).p95());
        }
        return least;
    }

    /** One 1 KiB write and its fsync (FileChannel.force) in the bench's temporary folder. */
    void fsync(Path dir, boolean quick, Consumer<Row> out) throws IOException {
        int runs = quick ? 50 : 200;
        long[] nanos = new long[runs];
        Path file = dir.resolve("fsync-floor");
        ByteBuffer block = ByteBuffer.allocate(1_024);
        try (FileChannel channel = FileChannel.open(
                file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = -10; i < runs; i++) {
                block.clear();
                long t0 = System.nanoTime();
                channel.write(block, 0);
                channel.force(true);
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t0;
                }
            }
        }
        Files.delete(file);
        fsync(nanos);
        out.accept(new Row(
                "Floor: one fsync (1 KiB write + FileChannel.force, the temporary folder's file system)",
                Optional.of(Stats.ofNanos(nanos)),
                floorNote(fsync),
                "",
                Result.NONE));
    }

    /**
     * A minimal mTLS echo (JDK sockets, TLS 1.2 as the backend, the terminal's RSA key on both ends): one round trip
     * of {@value #MESSAGE} B on an open connection, and echoes per second over {@value #ECHO_THREADS} connections.
     */
    void tlsRoundTrip(MockBackend backend, Consumer<Row> out, boolean quick) throws Exception {
        Contexts contexts = contexts(backend.terminalTls(), backend);
        int runs = quick ? 100 : 500;
        int perThread = quick ? 250 : 1_000;
        try (SSLServerSocket server = (SSLServerSocket) contexts.server()
                .getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            server.setNeedClientAuth(true);
            server.setEnabledProtocols(new String[] {"TLSv1.2"});
            Thread acceptor = Thread.ofPlatform().daemon().start(() -> serve(server));
            long[] nanos;
            try (Echo echo = new Echo(contexts.client(), server.getLocalPort())) {
                nanos = echo.times(runs);
            }
            roundTrip(nanos);
            out.accept(new Row(
                    "Floor: one mTLS round trip (" + MESSAGE + " B each way, open connection, minimal echo server)",
                    Optional.of(Stats.ofNanos(nanos)),
                    floorNote(roundTrip),
                    "",
                    Result.NONE));
            ExecutorService pool = Executors.newFixedThreadPool(ECHO_THREADS);
            List<Future<long[]>> results = new ArrayList<>();
            long started = System.nanoTime();
            for (int t = 0; t < ECHO_THREADS; t++) {
                results.add(pool.submit(() -> {
                    try (Echo echo = new Echo(contexts.client(), server.getLocalPort())) {
                        return echo.times(perThread);
                    }
                }));
            }
            long[] all = new long[ECHO_THREADS * perThread];
            for (int t = 0; t < ECHO_THREADS; t++) {
                System.arraycopy(results.get(t).get(), 0, all, t * perThread, perThread);
            }
            echoRate = all.length / ((System.nanoTime() - started) / 1e9);
            pool.shutdown();
            out.accept(new Row(
                    "Floor: minimal mTLS echo, " + ECHO_THREADS + " connections (as the backend row), per echo",
                    Optional.of(Stats.ofNanos(all)),
                    String.format(Locale.ROOT, "%.0f /s", echoRate),
                    "",
                    Result.NONE));
            acceptor.interrupt();
        }
    }

    static String floorNote(double floor) {
        return String.format(
                Locale.ROOT, "as a floor: %.2f ms, the least p95 of its blocks of %d in a row", floor, FLOOR_BLOCK);
    }

    /** Card → store p95 against the sum of its floors (goal ≤ 3×). */
    void cardToStoreRatio(Stats visits, Consumer<Row> out) {
        String what = "Ratio: card → store p95 ÷ its floor (certificate read + mTLS round trip + fsync, each the least"
                + " p95 of its blocks of " + FLOOR_BLOCK + ")";
        if (Double.isNaN(certificateRead) || Double.isNaN(roundTrip) || Double.isNaN(fsync)) {
            out.accept(Row.notMeasured(what, "a floor was not measured in this run (--only?)", "≤ 3×"));
            return;
        }
        double floor = certificateRead + roundTrip + fsync;
        double ratio = visits.p95() / floor;
        out.accept(new Row(
                what,
                Optional.empty(),
                String.format(
                        Locale.ROOT,
                        "%.2f× (%.2f ms ÷ %.2f ms: read %.2f + round trip %.2f + fsync %.2f)",
                        ratio,
                        visits.p95(),
                        floor,
                        certificateRead,
                        roundTrip,
                        fsync),
                "≤ 3×",
                Result.atMost(ratio, 3)));
    }

    /**
     * Card → store p95 against the floor of every step a visit must take, not only the three (no goal: the
     * issue's ratio above stays the goal). The card's whole dialogue (PIN and signature included), the confirmation's
     * mTLS round trip, and one fsync for each durable write the visit was counted to make (its SQLite commits, WAL and
     * synchronous=FULL, and its fsyncs). The nonce's round trip is not counted: the visit fetches it while the card
     * works (NoncePrefetch), so at best it costs nothing; a floor that may be too low only makes the ratio larger.
     */
    void cardToStoreStepsRatio(Stats visits, double durableWrites, Consumer<Row> out) {
        String what = "Ratio: card → store p95 ÷ the floor of every step it must take (card dialogue + one mTLS round"
                + " trip + one fsync per durable write; each the least p95 of its blocks of " + FLOOR_BLOCK + ")";
        if (Double.isNaN(cardDialogue) || Double.isNaN(roundTrip) || Double.isNaN(fsync)) {
            out.accept(Row.notMeasured(what, "a floor was not measured in this run (--only?)", ""));
            return;
        }
        double floor = cardDialogue + roundTrip + durableWrites * fsync;
        out.accept(new Row(
                what,
                Optional.empty(),
                String.format(
                        Locale.ROOT,
                        "%.2f× (%.2f ms ÷ %.2f ms: card dialogue %.2f + round trip %.2f + %.1f writes × fsync %.2f)",
                        visits.p95() / floor,
                        visits.p95(),
                        floor,
                        cardDialogue,
                        roundTrip,
                        durableWrites,
                        fsync),
                "",
                Result.NONE));
    }

    /** The backend's confirmations/s as a share of the minimal echo's (no goal in the issue: reported). */
    void throughputRatio(double rate, Consumer<Row> out) {
        String what = "Ratio: backend confirmations/s ÷ minimal mTLS echoes/s";
        if (Double.isNaN(echoRate)) {
            out.accept(Row.notMeasured(what, "the echo floor was not measured in this run (--only?)", ""));
            return;
        }
        out.accept(new Row(
                what,
                Optional.empty(),
                String.format(Locale.ROOT, "%.2f× (%.0f ÷ %.0f /s)", rate / echoRate, rate, echoRate),
                "",
                Result.NONE));
    }

    private static Contexts contexts(TlsMaterial tls, MockBackend backend)
            throws GeneralSecurityException, IOException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(tls.keyStore(), tls.keyPassword());
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("terminal-ca", backend.terminalCaCertificate());
        TrustManagerFactory trusted = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusted.init(trust);
        X509TrustManager chain = (X509TrustManager) trusted.getTrustManagers()[0];
        SSLContext server = SSLContext.getInstance("TLSv1.2");
        server.init(keys.getKeyManagers(), new TrustManager[] {chain}, null);
        // The client sees the terminal certificate as the server's: the same chain check, under its client-auth EKU.
        SSLContext client = SSLContext.getInstance("TLSv1.2");
        client.init(keys.getKeyManagers(), new TrustManager[] {new TerminalAsServer(chain)}, null);
        return new Contexts(server, client);
    }

    private record Contexts(SSLContext server, SSLContext client) {}

    private record TerminalAsServer(X509TrustManager chain) implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            chain.checkClientTrusted(certificates, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            chain.checkClientTrusted(certificates, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return chain.getAcceptedIssuers();
        }
    }

    private static void serve(SSLServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofPlatform().daemon().start(() -> echo(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void echo(Socket socket) {
        try (socket;
                DataInputStream in = new DataInputStream(socket.getInputStream());
                DataOutputStream out = new DataOutputStream(socket.getOutputStream())) {
            socket.setTcpNoDelay(true);
            byte[] buffer = new byte[MESSAGE];
            while (true) {
                in.readFully(buffer);
                out.write(buffer);
                out.flush();
            }
        } catch (IOException e) {
            // the client closed its connection
        }
    }

    /** One client connection of the echo, handshake done before the first timed round trip. */
    private static final class Echo implements AutoCloseable {
        private final SSLSocket socket;
        private final DataInputStream in;
        private final DataOutputStream out;

        Echo(SSLContext context, int port) throws IOException {
            socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.startHandshake();
            in = new DataInputStream(socket.getInputStream());
            out = new DataOutputStream(socket.getOutputStream());
        }

        long[] times(int runs) throws IOException {
            byte[] message = new byte[MESSAGE];
            long[] nanos = new long[runs];
            for (int i = -20; i < runs; i++) {
                long t0 = System.nanoTime();
                out.write(message);
                out.flush();
                in.readFully(message);
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - t0;
                }
            }
            return nanos;
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
