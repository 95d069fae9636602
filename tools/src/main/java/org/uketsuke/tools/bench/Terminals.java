package org.uketsuke.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.uketsuke.bridge.store.PostgresTarget;
import org.uketsuke.bridge.store.PostgresTls;

/**
 * Several terminals, each a separate JVM ({@link TerminalProcess}), delivering into one PostgreSQL store at once.
 * Afterwards the store's confirmation keys are compared key by key with the keys the terminals confirmed.
 */
final class Terminals {

    /** What a multi-terminal run reached: {@code lost}/{@code doubled} must be 0. */
    record Report(int terminals, int visits, int confirmed, int lost, int doubled, double seconds, Stats perVisit) {}

    private Terminals() {}

    static Report run(Path work, PostgresTarget target, int terminals, int visitsEach)
            throws IOException, InterruptedException, SQLException {
        return run(work, target, terminals, TerminalProcess.class, t -> List.of(Integer.toString(visitsEach)));
    }

    /**
     * Starts {@code main} once per terminal with the arguments work folder, terminal number, JDBC URL, user, password,
     * server CA file (or {@code plain}) and then {@code extra.apply(terminal)}; each prints {@code key K STATE} per
     * outbox entry and {@code nanos T} per timed unit of work.
     */
    static Report run(Path work, PostgresTarget target, int terminals, Class<?> main, IntFunction<List<String>> extra)
            throws IOException, InterruptedException, SQLException {
        String java = BenchCommand.javaCommand();
        String ca = target.tls() instanceof PostgresTls.VerifyFull v
                ? v.serverCaFile().toString()
                : "plain";
        List<Process> processes = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        for (int t = 0; t < terminals; t++) {
            Path dir = Files.createDirectories(work.resolve("terminal-" + t));
            Path log = dir.resolve("out.txt");
            logs.add(log);
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "--enable-native-access=ALL-UNNAMED",
                    "-Xmx192m",
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
            processes.add(new ProcessBuilder(command)
                    .redirectOutput(log.toFile())
                    .redirectError(dir.resolve("err.txt").toFile())
                    .start());
        }
        long go = startTogether(work, processes);
        for (int t = 0; t < terminals; t++) {
            Process p = processes.get(t);
            boolean ended = p.waitFor(10, TimeUnit.MINUTES);
            if (!ended || p.exitValue() != 0) {
                processes.forEach(Process::destroyForcibly);
                throw new IOException("terminal " + t
                        + (ended ? " exited " + p.exitValue() : " did not finish within 10 minutes") + ": "
                        + Files.readString(work.resolve("terminal-" + t).resolve("err.txt"))
                                .strip());
            }
        }
        double seconds = (System.nanoTime() - go) / 1e9;
        Set<String> confirmed = new HashSet<>();
        List<Long> nanos = new ArrayList<>();
        int notDelivered = 0;
        for (Path log : logs) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                String[] f = line.split(" ");
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
        KeyComparison keys = KeyComparison.of(confirmed, storeKeys(target));
        return new Report(
                terminals,
                nanos.size(),
                confirmed.size(),
                keys.lost() + Math.max(0, nanos.size() - confirmed.size()) + notDelivered,
                keys.doubled(),
                seconds,
                Stats.ofNanos(nanos.stream().mapToLong(Long::longValue).toArray()));
    }

    /**
     * Waits until every terminal is ready ({@link #ready}: started, set up, warmed up), then lets them all go at once;
     * returns that moment. Otherwise the first terminals' timed work would run beside the others' JVM starts, and the
     * figure would be of start-up contention, not of terminals working side by side.
     */
    private static long startTogether(Path work, List<Process> processes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        for (int t = 0; t < processes.size(); t++) {
            Path ready = work.resolve("terminal-" + t).resolve(READY);
            while (!Files.exists(ready)) {
                if (!processes.get(t).isAlive() || System.nanoTime() > deadline) {
                    processes.forEach(Process::destroyForcibly);
                    throw new IOException("terminal " + t + " did not get ready: "
                            + Files.readString(work.resolve("terminal-" + t).resolve("err.txt"))
                                    .strip());
                }
                Thread.sleep(20);
            }
        }
        Files.createFile(work.resolve(GO));
        return System.nanoTime();
    }

    private static final String READY = "ready";
    private static final String GO = "go";

    /** In a terminal's JVM: says it is ready (its folder is {@code dir}) and waits until every terminal is. */
    static void ready(Path dir) throws IOException, InterruptedException {
        Files.createFile(dir.resolve(READY));
        Path go = dir.getParent().resolve(GO);
        while (!Files.exists(go)) {
            Thread.sleep(2);
        }
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
