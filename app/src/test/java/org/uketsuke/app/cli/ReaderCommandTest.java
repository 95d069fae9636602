package org.uketsuke.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.app.Uketsuke;
import org.uketsuke.mockbackend.IssuedCard;
import org.uketsuke.mockbackend.MockBackend;
import org.uketsuke.mockbackend.MockBackendConfig;
import org.uketsuke.reader.pcsc.PcscReaders;
import org.uketsuke.reader.sim.CardBehaviour;
import org.uketsuke.reader.sim.CardPersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VpcdConnector;
import picocli.CommandLine;

/** The diagnostics a receptionist runs, against a real pcscd with the virtual card in vpcd. */
class ReaderCommandTest {

    @TempDir
    Path state;

    @Test
    void listAndProbeDescribeTheCardOnTheReader() throws Exception {
        IssuedCard issued;
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(state, 0, 3L, 5))) {
            issued = backend.issueCard(0);
        }
        MyNumberCardSimulator card = new MyNumberCardSimulator(
                new CardPersonalisation(issued.authCertDer(), issued.authCaCertDer(), issued.authKey(), issued.pin()));
        try (VpcdConnector inserted = new VpcdConnector(card)) {
            inserted.connect();
            assertThat(new PcscReaders().waitForCardPresent("Virtual PCD 00 00", Duration.ofSeconds(10)))
                    .isTrue();
            String list = run("reader", "list");
            assertThat(list).contains("card service: running").contains("Virtual PCD 00 00  [card present]");
            String probe = run("reader", "probe", "--reader", "Virtual PCD 00 00");
            assertThat(probe)
                    .contains("card: My Number card")
                    .contains("O=JPKI-TEST")
                    .contains("auth PIN tries left: 3");
        }
        assertThat(card.myNumberApplicationSelected()).isFalse();
    }

    @Test
    void probeOfACardAnsweringNonsenseFailsAndReportsNoPinCounter() throws Exception {
        IssuedCard issued;
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(state, 0, 3L, 5))) {
            issued = backend.issueCard(0);
        }
        MyNumberCardSimulator card = new MyNumberCardSimulator(new CardPersonalisation(
                        issued.authCertDer(), issued.authCaCertDer(), issued.authKey(), issued.pin()))
                .behave(new CardBehaviour(false, Duration.ZERO, CardBehaviour.NEVER, 0));
        try (VpcdConnector inserted = new VpcdConnector(card)) {
            inserted.connect();
            assertThat(new PcscReaders().waitForCardPresent("Virtual PCD 00 00", Duration.ofSeconds(10)))
                    .isTrue();
            Run probe = execute("reader", "probe", "--reader", "Virtual PCD 00 00");
            assertThat(probe.exitCode()).isEqualTo(1);
            assertThat(probe.out()).contains("not a JPKI card").doesNotContain("PIN tries left");
            Run readCert = execute("reader", "read-cert", "--reader", "Virtual PCD 00 00");
            assertThat(readCert.exitCode()).isEqualTo(1);
        }
    }

    private static String run(String... args) {
        Run run = execute(args);
        assertThat(run.exitCode()).as(run.out()).isZero();
        return run.out();
    }

    private record Run(int exitCode, String out) {}

    private static Run execute(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int code = new CommandLine(new Uketsuke()).execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }
}
