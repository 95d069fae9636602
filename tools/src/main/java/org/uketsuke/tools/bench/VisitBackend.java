package org.uketsuke.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.reader.sim.CardPersonalisation;

/**
 * The card → store rows' mock backend in a JVM of its own, the card it issued (which the bench's JVM serves through
 * vpcd) and the terminal's TLS files; {@link #runTerminal} runs the visits in a {@link VisitTerminal} JVM.
 */
record VisitBackend(BackendProcess process, Path files, CardPersonalisation card, String pin) implements AutoCloseable {

    /** The population the bench's own backend serves as well. */
    private static final int PEOPLE = 1_000;

    static VisitBackend start(Path work) throws Exception {
        Path files = Files.createDirectories(work.resolve("visit-backend"));
        Path state = files.resolve("state");
        IssuedCard issued;
        try (MockBackend issuing = MockBackend.start(BackendProcess.config(state, PEOPLE))) {
            BatchTerminalProcess.writeTls(issuing.terminalTls(), files);
            issued = issuing.issueCard(0);
        }
        CardPersonalisation card =
                new CardPersonalisation(issued.authCertDer(), issued.authCaCertDer(), issued.authKey(), issued.pin());
        return new VisitBackend(
                BackendProcess.start(
                        state, PEOPLE, files.resolve("backend-err.txt"), Terminals.profiling("visit-backend")),
                files,
                card,
                issued.pin());
    }

    /**
     * Runs {@link VisitTerminal} on {@code work} with the card on {@code reader}; its printed lines. With
     * {@code profile} (development) the terminal's JVM records JFR there ({@code profile} settings). {@code aotCache}
     * is the JVM's AOT cache, as the product's launchers keep one (JEP 514/515): {@link AotCache#train} writes it when
     * this run's JVM exits, {@link AotCache#use} maps it.
     */
    List<String> runTerminal(Path work, String reader, int warmUps, int runs, Path profile, AotCache aotCache)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BenchCommand.javaCommand()));
        command.addAll(ProductJvmOptions.terminal());
        command.addAll(aotCache.options());
        if (profile != null) {
            command.add("-XX:StartFlightRecording:settings=profile,filename=" + profile.toAbsolutePath());
        }
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                VisitTerminal.class.getName(),
                work.toString(),
                process.uri(),
                files.resolve("terminal.p12").toString(),
                BatchTerminalProcess.PASSWORD,
                files.resolve("ca.pem").toString(),
                pin,
                reader,
                Integer.toString(warmUps),
                Integer.toString(runs)));
        return runChild(command, work.resolve("visit-terminal-err.txt"), "the visit terminal", null)
                .lines()
                .toList();
    }

    /**
     * {@link BackendWarmUp}: {@code connections} × {@code each} card confirmations from a JVM of its own (the
     * terminal's options), which exits before this returns.
     */
    void warmUp(Path work, int connections, int each) throws IOException, InterruptedException {
        Path cardFile = work.resolve("warm-up-card.txt");
        TerminalProcess.writeCard(
                new IssuedCard(card.authCertDer(), card.authCaCertDer(), card.authKey(), pin, null), cardFile);
        List<String> command = new ArrayList<>(List.of(BenchCommand.javaCommand()));
        command.addAll(ProductJvmOptions.terminal());
        command.addAll(List.of(
                "-cp",
                System.getProperty("java.class.path"),
                BackendWarmUp.class.getName(),
                process.uri(),
                files.resolve("terminal.p12").toString(),
                BatchTerminalProcess.PASSWORD,
                files.resolve("ca.pem").toString(),
                cardFile.toString(),
                Integer.toString(connections),
                Integer.toString(each)));
        try {
            runChild(command, work.resolve("backend-warm-up-err.txt"), "the backend warm-up", "done");
        } finally {
            Files.deleteIfExists(cardFile);
        }
    }

    /**
     * Runs a child JVM to its end; its standard output. It failed if it did not end within 10 minutes, ended with
     * a status other than 0 or, with {@code mustSay}, never printed it: the exception carries its output and the last
     * 30 lines of its standard error ({@code errors}).
     */
    private static String runChild(List<String> command, Path errors, String what, String mustSay)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectError(errors.toFile()).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || (mustSay != null && !output.contains(mustSay))) {
            p.destroyForcibly();
            List<String> said = Files.readAllLines(errors, StandardCharsets.UTF_8);
            throw new IOException(what + " failed: " + output + "\n"
                    + String.join("\n", said.subList(Math.max(0, said.size() - 30), said.size())));
        }
        return output;
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
