package org.uketsuke.reader.pcsc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.uketsuke.reader.TestCards;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.SessionOpening;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.jpki.TokenKind;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VpcdConnector;

/**
 * Each way asking for a card session can end, produced by a real pcscd of this test's own ({@link PrivatePcscd}):
 * open, no card, in use by another program, unknown reader, and the service stopped.
 */
@EnabledIfSystemProperty(named = "uketsuke.private-pcscd", matches = "true")
class SessionOpeningPrivatePcscdTest {

    private static final String READER = "Virtual PCD 00 00";

    private static PrivatePcscd pcscd;

    @BeforeAll
    static void pcscdRuns() throws Exception {
        pcscd = PrivatePcscd.forThisJvm().start();
        PrivatePcscd.waitFor(() -> new PcscReaders().readers().contains(READER), "vpcd's virtual reader " + READER);
    }

    @AfterAll
    static void pcscdStops() throws Exception {
        if (pcscd != null) {
            pcscd.close();
        }
    }

    @Test
    void aCardOnTheReaderOpensASession() throws Exception {
        PcscReaders readers = new PcscReaders();
        try (VpcdConnector inserted = vpcd()) {
            inserted.connect();
            assertThat(readers.waitForCardPresent(READER, Duration.ofSeconds(10)))
                    .isTrue();
            SessionOpening opening = readers.open(READER);
            assertThat(opening).isInstanceOf(SessionOpening.Open.class);
            try (ApduTransport session = ((SessionOpening.Open) opening).transport()) {
                assertThat(new JpkiCard(session).identify()).isEqualTo(TokenKind.MY_NUMBER_CARD);
            }
        }
        assertThat(readers.waitForCardAbsent(READER, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aReaderWithoutACardAnswersNoCard() {
        assertThat(new PcscReaders().open(READER)).isInstanceOf(SessionOpening.NoCard.class);
    }

    @Test
    void aReaderTheServiceDoesNotKnowAnswersNoReader() {
        assertThat(new PcscReaders().open("No Such Reader 00 00")).isInstanceOf(SessionOpening.NoReader.class);
    }

    @Test
    void aCardHeldByAnotherProgramAnswersInUse() throws Exception {
        PcscReaders readers = new PcscReaders();
        try (VpcdConnector inserted = vpcd()) {
            inserted.connect();
            assertThat(readers.waitForCardPresent(READER, Duration.ofSeconds(10)))
                    .isTrue();
            Process other = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-cp",
                            System.getProperty("java.class.path"),
                            OtherProgramHoldingTheCard.class.getName(),
                            READER)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try {
                BufferedReader said =
                        new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(said.readLine())
                        .as("the other program holds the card")
                        .isEqualTo("held");
                assertThat(readers.open(READER, Duration.ofMillis(500))).isInstanceOf(SessionOpening.InUse.class);
            } finally {
                other.getOutputStream().close(); // lets go
                assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
        }
        assertThat(readers.waitForCardAbsent(READER, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aStoppedServiceAnswersServiceDown() throws Exception {
        PcscReaders readers = new PcscReaders();
        assertThat(readers.readers()).contains(READER);
        pcscd.stop();
        try {
            assertThat(readers.open(READER)).isInstanceOf(SessionOpening.ServiceDown.class);
        } finally {
            pcscd.start();
            PrivatePcscd.waitFor(() -> new PcscReaders().readers().contains(READER), "vpcd's reader after the restart");
        }
    }

    private static VpcdConnector vpcd() {
        return new VpcdConnector(new MyNumberCardSimulator(TestCards.personalisation()), "127.0.0.1", pcscd.vpcdPort());
    }
}
