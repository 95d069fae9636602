package org.uketsuke.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.bridge.store.PostgresTls;
import org.uketsuke.mockbackend.MockBackend;

/**
 * Several terminals, each a separate JVM, delivering into one PostgreSQL store at once. Afterwards the store's
 * confirmation keys are compared key by key with the keys the terminals confirmed.
 */
final class Terminals {

    /** What a multi-terminal run reached: {@code lost}/{@code doubled} must be 0. */
    record Report(int terminals, int visits, int confirmed, int lost, int doubled, double seconds, Stats perVisit) {}

    /**
     * What a paced run reached: per-visit times at the offered load (from each patient's arrival), the visits per
     * second all terminals reached back to back, and the exactly-once check over every visit of the run.
     */
    record PacedReport(
            int terminals,
            double ratePerTerminal,
            Stats perVisit,
            int burstVisits,
            double burstPerSecond,
            int confirmed,
            int lost,
            int doubled,
            double terminalCpuMsPerVisit,
            double backendCpuMsPerVisit) {}

    private Terminals() {}

    /**
     * {@code terminals} JVMs ({@link TerminalProcess}) against ONE mock backend in its own JVM (as a hospital has one
     * link to the national system): after their warm-up, patients arrive at each terminal at random (Poisson) at
     * {@code ratePerTerminal} a second, {@code visitsEach} visits each after {@code warmUpsEach} untimed ones (an open loop: a slow visit does not slow the
     * arrivals, it makes the next patient wait, and that wait counts); then all terminals run {@code burstEach} visits
     * back to back at once for the saturated visits/s.
     */
    static PacedReport paced(
            Path work,
            PostgresTarget target,
            int terminals,
            int visitsEach,
            double ratePerTerminal,
            int burstEach,
            int warmUpsEach)
            throws Exception {
        Path backendState = work.resolve("backend");
        Files.createDirectories(work);
        int people = Math.max(100, terminals);
        // Cards issued (and registered for insurance use) in the backend's state before its own JVM serves it.
        try (MockBackend issuing = MockBackend.start(BackendProcess.config(backendState, people))) {
            BatchTerminalProcess.writeTls(issuing.terminalTls(), work);
            for (int t = 0; t < terminals; t++) {
                TerminalProcess.writeCard(issuing.issueCard(t), work.resolve("card-" + t + ".txt"));
            }
        }
        try (BackendProcess backend =
                BackendProcess.start(backendState, people, work.resolve("backend-err.txt"), profiling("backend"))) {
            String uri = backend.uri();
            List<Terminal> started = start(
                    work,
                    target,
                    terminals,
                    TerminalProcess.class,
                    t -> List.of(
                            uri,
                            work.resolve("terminal.p12").toString(),
                            BatchTerminalProcess.PASSWORD,
                            work.resolve("ca.pem").toString(),
                            work.resolve("card-" + t + ".txt").toString(),
                            Integer.toString(visitsEach),
                            Double.toString(ratePerTerminal),
                            Integer.toString(burstEach),
                            Integer.toString(warmUpsEach)));
            letGo(started);
            Duration terminalsAtGo = cpu(started);
            Duration backendAtGo = backend.cpu();
            awaitLine(started, "paced-done");
            double paced = terminals * (double) visitsEach;
            double terminalCpu = cpu(started).minus(terminalsAtGo).toNanos() / 1e6 / paced;
            double backendCpu = backend.cpu().minus(backendAtGo).toNanos() / 1e6 / paced;
            tell(started, "burst");
            awaitEnd(started);
            Collected c = collect(started, target);
            System.out.println(
                    "terminal JVMs' CPU ms per paced visit by thread: " + c.threadCpu(terminals * visitsEach));
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            int burstVisits = 0;
            for (String[] f : c.lines("burst")) {
                first = Math.min(first, Long.parseLong(f[1]));
                last = Math.max(last, Long.parseLong(f[2]));
                burstVisits += Integer.parseInt(f[3]);
            }
            int expected = terminals * (warmUpsEach + visitsEach + burstEach);
            return new PacedReport(
                    terminals,
                    ratePerTerminal,
                    c.perVisit(),
                    burstVisits,
                    burstVisits / ((last - first) / 1e6),
                    c.confirmed().size(),
                    c.keys().lost() + Math.max(0, expected - c.confirmed().size()) + c.notDelivered(),
                    c.keys().doubled(),
                    terminalCpu,
                    backendCpu);
        }
    }

    /** The CPU time the terminals' JVMs have used so far, together (read from the OS: every thread, GC and JIT too). */
    private static Duration cpu(List<Terminal> terminals) {
        return terminals.stream().map(t -> cpu(t.process())).reduce(Duration.ZERO, Duration::plus);
    }

    private static Duration cpu(Process process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /**
     * Starts {@code main} once per terminal with the arguments work folder, terminal number, JDBC URL, user, password,
     * server CA file (or {@code plain}) and then {@code extra.apply(terminal)}; each prints {@code key K STATE} per
     * outbox entry and {@code nanos T} per timed unit of work.
     */
    static Report run(Path work, PostgresTarget target, int terminals, Class<?> main, IntFunction<List<String>> extra)
            throws IOException, InterruptedException, SQLException {
        List<Terminal> processes = start(work, target, terminals, main, extra);
        long go = letGo(processes);
        awaitEnd(processes);
        double seconds = (System.nanoTime() - go) / 1e9;
        Collected c = collect(processes, target);
        return new Report(
                terminals,
                c.perVisit().runs(),
                c.confirmed().size(),
                c.keys().lost()
                        + Math.max(0, c.perVisit().runs() - c.confirmed().size())
                        + c.notDelivered(),
                c.keys().doubled(),
                seconds,
                c.perVisit());
    }

    /**
     * Waits until every terminal is ready ({@link #awaitGo}: started, set up, warmed up), then tells them all to go at
     * one instant a moment ahead; returns that instant on this JVM's {@code nanoTime}. Otherwise the first terminals'
     * timed work would run beside the others' JVM starts, and the figure would be of start-up contention, not of
     * terminals working side by side.
     */
    private static long letGo(List<Terminal> terminals) throws IOException, InterruptedException {
        awaitLine(terminals, "ready");
        long goMillis = System.currentTimeMillis() + 200;
        tell(terminals, "go " + goMillis);
        return nanosAt(goMillis);
    }

    /**
     * In a terminal's JVM: prints {@code ready}, waits for the driver's {@code go EPOCH_MS} and returns that instant on
     * this JVM's {@code nanoTime}, the same moment for every terminal.
     */
    static long awaitGo(PrintStream out, BufferedReader in, String terminal) throws IOException {
        out.println("ready");
        String go = in.readLine();
        if (go == null || !go.startsWith("go ")) {
            throw new IllegalStateException("terminal " + terminal + ": expected go, got " + go);
        }
        return nanosAt(Long.parseLong(go.substring(3)));
    }

    private static long nanosAt(long epochMillis) {
        return System.nanoTime() + (epochMillis - System.currentTimeMillis()) * 1_000_000;
    }

    /**
     * With {@code -Duketsuke.bench.jfr=PREFIX} (development): terminal 0 and the backend record JFR ({@code profile}
     * settings) and log GC and safepoints into {@code PREFIX-terminal.jfr}, {@code PREFIX-terminal-gc.log} and the
     * same for {@code backend}; the card → store rows' backend ({@link VisitBackend}) as {@code visit-backend}.
     */
    static List<String> profiling(String who) {
        String prefix = System.getProperty("uketsuke.bench.jfr");
        if (prefix == null) {
            return List.of();
        }
        return List.of(
                "-XX:StartFlightRecording:settings=profile,filename=" + prefix + "-" + who + ".jfr",
                "-Xlog:gc*,safepoint:file=" + prefix + "-" + who + "-gc.log");
    }

    /** A terminal's JVM, its output file and its input. */
    private record Terminal(int number, Process process, Path log, Path dir, Writer input) {}

    private static List<Terminal> start(
            Path work, PostgresTarget target, int terminals, Class<?> main, IntFunction<List<String>> extra)
            throws IOException {
        String java = BenchCommand.javaCommand();
        List<String> options = ProductJvmOptions.terminal();
        String ca = target.tls() instanceof PostgresTls.VerifyFull v
                ? v.serverCaFile().toString()
                : "plain";
        List<Terminal> processes = new ArrayList<>();
        for (int t = 0; t < terminals; t++) {
            Path dir = Files.createDirectories(work.resolve("terminal-" + t));
            Path log = dir.resolve("out.txt");
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(options);
            command.add("-Xmx192m");
            command.addAll(t == 0 ? profiling("terminal") : List.of());
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    main.getName(),
                    dir.toString(),
                    Integer.toString(t),
                    target.jdbcUrl(),
                    target.user(),
                    target.password(),
                    ca));
            command.addAll(extra.apply(t));
            Process p = new ProcessBuilder(command)
                    .redirectOutput(log.toFile())
                    .redirectError(dir.resolve("err.txt").toFile())
                    .start();
            processes.add(new Terminal(t, p, log, dir, p.outputWriter(StandardCharsets.UTF_8)));
        }
        return processes;
    }

    /** Waits until every terminal printed {@code line} (or one ended or 10 minutes passed: then all are stopped). */
    private static void awaitLine(List<Terminal> terminals, String line) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        for (Terminal t : terminals) {
            while (!Files.readAllLines(t.log(), StandardCharsets.UTF_8).contains(line)) {
                if (!t.process().isAlive() || System.nanoTime() > deadline) {
                    failed(terminals, t, "did not print " + line);
                }
                Thread.sleep(50);
            }
        }
    }

    private static void tell(List<Terminal> terminals, String line) throws IOException {
        for (Terminal t : terminals) {
            t.input().write(line + "\n");
            t.input().flush();
        }
    }

    private static void awaitEnd(List<Terminal> terminals) throws IOException, InterruptedException {
        for (Terminal t : terminals) {
            boolean ended = t.process().waitFor(10, TimeUnit.MINUTES);
            if (!ended || t.process().exitValue() != 0) {
                failed(terminals, t, ended ? "exited " + t.process().exitValue() : "did not finish within 10 minutes");
            }
        }
    }

    private static void failed(List<Terminal> terminals, Terminal t, String what) throws IOException {
        terminals.forEach(each -> each.process().destroyForcibly());
        throw new IOException("terminal " + t.number() + " " + what + ": "
                + Files.readString(t.dir().resolve("err.txt")).strip());
    }

    /** The terminals' printed lines: every key they confirmed, their timed units, the store's keys against them. */
    private record Collected(
            Set<String> confirmed, int notDelivered, Stats perVisit, KeyComparison keys, List<String[]> all) {
        List<String[]> lines(String first) {
            return all.stream().filter(f -> f[0].equals(first)).toList();
        }

        /** The terminals' {@code cpu KIND NANOS} lines summed per kind, in ms per visit, largest first. */
        String threadCpu(int visits) {
            Map<String, Long> kinds = new TreeMap<>();
            lines("cpu").forEach(f -> kinds.merge(f[1], Long.parseLong(f[2]), Long::sum));
            return kinds.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / 1e6 / visits))
                    .collect(Collectors.joining(", "));
        }
    }

    private static Collected collect(List<Terminal> terminals, PostgresTarget target) throws IOException, SQLException {
        Set<String> confirmed = new HashSet<>();
        List<Long> nanos = new ArrayList<>();
        List<String[]> all = new ArrayList<>();
        int notDelivered = 0;
        for (Terminal t : terminals) {
            for (String line : Files.readAllLines(t.log(), StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
                all.add(f);
                switch (f[0]) {
                    case "key" -> {
                        confirmed.add(f[1]);
                        notDelivered += f[2].equals("DELIVERED") ? 0 : 1;
                    }
                    case "nanos" -> nanos.add(Long.parseLong(f[1]));
                    default -> {}
                }
            }
        }
        return new Collected(
                confirmed,
                notDelivered,
                Stats.ofNanos(nanos.stream().mapToLong(Long::longValue).toArray()),
                KeyComparison.of(confirmed, storeKeys(target)),
                all);
    }

    private static List<String> storeKeys(PostgresTarget target) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(target.jdbcUrl(), target.connectionProperties());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select idempotency_key from qualification")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }
}
