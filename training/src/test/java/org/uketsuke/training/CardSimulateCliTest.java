package org.uketsuke.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.Uketsuke;
import org.uketsuke.reader.pcsc.PcscReaders;
import org.uketsuke.reader.pcsc.PcscService;

/**
 * {@code card simulate} puts a persona's card into the real pcscd through vpcd; {@code reader read-cert} and
 * {@code reader watch} describe it from the other side, as an installer would run them in two terminals.
 */
class CardSimulateCliTest {

    private static final String READER = "Virtual PCD 00 00";

    @TempDir
    static Path state;

    @BeforeAll
    static void pcscdRuns() {
        assertThat(PcscService.ensureRunning(Duration.ofSeconds(10))).isInstanceOf(PcscService.Status.Running.class);
    }

    @Test
    void thePersonasAreListed() {
        String list = run(null, "card", "simulate", "--list");
        assertThat(list)
                .contains("smartphone")
                .contains("blocked-pin")
                .contains("revoked")
                .contains("garbage");
    }

    @Test
    void readCertDescribesAnExtendedLengthCardAndItsTranscriptShowsNoData() throws Exception {
        try (Simulated card = simulate("extended")) {
            String out = run(null, "reader", "read-cert", "--reader", READER, "--transcript");
            assertThat(out)
                    .contains("card type: My Number card")
                    .contains("issuer:   ")
                    .contains("O=JPKI-TEST")
                    .contains("subject:  ")
                    .contains("serial:   ")
                    .contains("SHA-256:  ")
                    .contains("valid:    ")
                    .contains("in 3 APDUs (extended length)");
            assertThat(out)
                    .contains("> 00 A4 04 0C Lc=10")
                    .contains("> 00 B0 00 00 Le=65536 (extended)")
                    .contains("< SW 9000");
        }
    }

    @Test
    void aSmartphoneTokenNeedsThePinAndTheTranscriptNeverShowsIt() throws Exception {
        try (Simulated card = simulate("smartphone")) {
            String refused = run(null, "reader", "read-cert", "--reader", READER);
            assertThat(refused).contains("smartphone JPKI, Android").contains("needs the auth PIN first");
            String read = run("1234\n", "reader", "read-cert", "--reader", READER, "--pin-stdin", "--transcript");
            assertThat(read)
                    .contains("auth PIN: verified")
                    .contains("SHA-256:  ")
                    .contains("> 00 20 00 80 Lc=4");
            assertThat(read)
                    .doesNotContain("1234")
                    .doesNotContain("31 32 33 34")
                    .doesNotContain("31323334");
        }
    }

    @Test
    void garbageStatusWordsAreReportedWithTheStep() throws Exception {
        // identification takes 3 APDUs and leaves the JPKI AP current; the 4th, SELECT of the certificate EF, gets
        // nonsense
        try (Simulated card = simulate("garbage", "--after", "3")) {
            String out = run(null, "reader", "read-cert", "--reader", READER);
            assertThat(out)
                    .contains("card type: My Number card")
                    .contains("the card answered SW 1234 at step select-auth_certificate");
        }
        try (Simulated card = simulate("garbage", "--after", "1")) {
            String out = run(null, "reader", "read-cert", "--reader", READER);
            assertThat(out).contains("card type: unknown — the card answered SW 1234 at step select-token");
        }
    }

    @Test
    void watchPrintsTheCardComingAndGoing() throws Exception {
        CompletableFuture<String> watching;
        try (Simulated card = simulate("patient")) {
            watching = CompletableFuture.supplyAsync(() -> run(null, "reader", "watch", "--for", "5"));
            Thread.sleep(2000);
        }
        String out = watching.get();
        assertThat(out)
                .contains("card service running")
                .contains("reader added    " + READER)
                .contains("card inserted   " + READER)
                .contains("card removed    " + READER);
        assertThat(out.indexOf("card inserted   " + READER)).isLessThan(out.indexOf("card removed    " + READER));
    }

    /**
     * {@code ./uketsuke card simulate} as its own process, as an installer runs it in a second terminal; closing it
     * sends SIGTERM (what Ctrl-C's SIGINT also does: the shutdown hook takes the card off).
     */
    private Simulated simulate(String persona, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                Uketsuke.class.getName(),
                "card",
                "simulate",
                "--persona",
                persona,
                "--state",
                state.toString()));
        command.addAll(List.of(more));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader said =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder output = new StringBuilder();
        for (String line; (line = said.readLine()) != null; ) {
            output.append(line).append('\n');
            if (line.startsWith("card on the reader")) {
                break;
            }
        }
        assertThat(output.toString())
                .as("card simulate said")
                .contains("virtual card: " + persona)
                .contains("card on the reader");
        assertThat(new PcscReaders().waitForCardPresent(READER, Duration.ofSeconds(10)))
                .as("the simulated card in " + READER + " (is another program using that reader?)")
                .isTrue();
        Thread.ofPlatform().daemon().start(() -> {
            try {
                said.transferTo(Writer.nullWriter()); // keep its pipe from filling up
            } catch (IOException ended) {
                // the process ended
            }
        });
        return new Simulated(process);
    }

    private record Simulated(Process process) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            process.destroy();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(new PcscReaders().waitForCardAbsent(READER, Duration.ofSeconds(10)))
                    .isTrue();
        }
    }

    private static synchronized String run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        InputStream originalIn = System.in;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.US_ASCII)));
            }
            Uketsuke.commandLine().execute(args);
        } finally {
            System.setOut(original);
            System.setIn(originalIn);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
