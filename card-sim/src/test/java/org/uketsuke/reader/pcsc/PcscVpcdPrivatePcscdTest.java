package org.uketsuke.reader.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.uketsuke.reader.TestCards;
import org.uketsuke.reader.api.Aid;
import org.uketsuke.reader.api.ApduStats;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CardInUseException;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.guard.MyNumberAccessRefused;
import org.uketsuke.reader.jpki.CertificateRead;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.jpki.PinCheck;
import org.uketsuke.reader.jpki.Signature;
import org.uketsuke.reader.jpki.TokenKind;
import org.uketsuke.reader.sim.CardBehaviour;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VpcdConnector;

/**
 * The production path end to end: javax.smartcardio → libpcsclite → a real pcscd → the vpcd driver → our virtual
 * card over TCP. The pcscd is this test's own ({@link PrivatePcscd}: private mount namespace, vpcd on free ports), so
 * other programs using the machine's pcscd and its vpcd readers cannot disturb it. Fails (never skips) when pcscd or
 * vpcd cannot be had, saying why.
 */
@EnabledIfSystemProperty(named = "uketsuke.private-pcscd", matches = "true")
class PcscVpcdPrivatePcscdTest {

    private static final String READER = "Virtual PCD 00 00";
    private static final String SHARED_READER_HINT = "seen in " + READER;

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

    /** The virtual card, put into our pcscd's first vpcd reader. */
    private static VpcdConnector vpcd(MyNumberCardSimulator card) {
        return new VpcdConnector(card, "127.0.0.1", pcscd.vpcdPort());
    }

    @Test
    void theDriverReadsVerifiesAndSignsThroughARealPcscd() throws Exception {
        MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation());
        PcscReaders readers = new PcscReaders();
        try (VpcdConnector inserted = vpcd(card)) {
            inserted.connect();
            assertThat(readers.waitForCardPresent(READER, Duration.ofSeconds(10)))
                    .as("card " + SHARED_READER_HINT)
                    .isTrue();
            try (ApduStats session = new ApduStats(readers.connect(READER))) {
                long before = card.commandCount();
                assertThatThrownBy(() -> session.transmit(
                                CommandApdu.of(0x00, 0xA4, 0x04, 0x0C, Aid.TEXT_INPUT_SUPPORT.bytes())))
                        .as("the PC/SC session is guarded")
                        .isInstanceOf(MyNumberAccessRefused.class);
                assertThat(card.commandCount()).as("nothing reached the card").isEqualTo(before);
                JpkiCard jpki = new JpkiCard(session);
                assertThat(jpki.identify()).isEqualTo(TokenKind.MY_NUMBER_CARD);
                session.reset();
                CertificateRead read = jpki.readAuthCertificate();
                assertThat(read).isInstanceOf(CertificateRead.Read.class);
                assertThat(((CertificateRead.Read) read).der())
                        .isEqualTo(TestCards.personalisation().authCertDer());
                assertThat(session.commands()).isLessThanOrEqualTo(8);

                assertThat(jpki.authPinTriesLeft()).isEqualTo(3);
                assertThat(jpki.verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Verified());
                byte[] nonce = "nonce over pcsc".getBytes(StandardCharsets.UTF_8);
                Signature signature = jpki.signWithAuthKey(
                        MessageDigest.getInstance("SHA-256").digest(nonce));
                java.security.Signature verify = java.security.Signature.getInstance("SHA256withRSA");
                verify.initVerify(((CertificateRead.Read) read).certificate().getPublicKey());
                verify.update(nonce);
                assertThat(verify.verify(((Signature.Signed) signature).signature()))
                        .isTrue();
            }
        }
        assertThat(readers.waitForCardAbsent(READER, Duration.ofSeconds(10)))
                .as("removal " + SHARED_READER_HINT)
                .isTrue();
        assertThat(card.myNumberApplicationSelected()).isFalse();
    }

    /**
     * An exchange's commands go from the reader's session thread in one hand-off, each still through the guard; that
     * thread is kept from one session to the next (the JDK lets only it use the card while it holds it).
     */
    @Test
    void anExchangeSendsItsCommandsFromTheReadersThreadStillGuarded() throws Exception {
        MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation());
        PcscReaders readers = new PcscReaders();
        List<Thread> exchangeThreads = new ArrayList<>();
        try (VpcdConnector inserted = vpcd(card)) {
            inserted.connect();
            assertThat(readers.waitForCardPresent(READER, Duration.ofSeconds(10)))
                    .as("card " + SHARED_READER_HINT)
                    .isTrue();
            for (int session = 0; session < 2; session++) {
                try (ApduStats transport = new ApduStats(readers.connect(READER))) {
                    JpkiCard jpki = new JpkiCard(transport);
                    CertificateRead read = transport.exchange(() -> {
                        exchangeThreads.add(Thread.currentThread());
                        assertThat(jpki.identify()).isEqualTo(TokenKind.MY_NUMBER_CARD);
                        return jpki.readAuthCertificate();
                    });
                    assertThat(((CertificateRead.Read) read).der())
                            .isEqualTo(TestCards.personalisation().authCertDer());
                    assertThat(transport.commands())
                            .as("every command of the exchange counted")
                            .isBetween(3L, 9L);
                    long before = card.commandCount();
                    assertThatThrownBy(() -> transport.exchange(() -> transport.transmit(
                                    CommandApdu.of(0x00, 0xA4, 0x04, 0x0C, Aid.TEXT_INPUT_SUPPORT.bytes()))))
                            .as("a command inside an exchange is guarded")
                            .isInstanceOf(MyNumberAccessRefused.class);
                    assertThat(card.commandCount())
                            .as("nothing reached the card")
                            .isEqualTo(before);
                    assertThat(jpki.verifyAuthPin(TestCards.PIN))
                            .as("single commands after an exchange")
                            .isEqualTo(new PinCheck.Verified());
                }
            }
        }
        assertThat(readers.waitForCardAbsent(READER, Duration.ofSeconds(10))).isTrue();
        assertThat(exchangeThreads).hasSize(2);
        assertThat(exchangeThreads.getFirst()).as("not the caller's thread").isNotSameAs(Thread.currentThread());
        assertThat(exchangeThreads.get(1))
                .as("the reader's thread, kept from one session to the next")
                .isSameAs(exchangeThreads.getFirst());
        assertThat(card.myNumberApplicationSelected()).isFalse();
    }

    @Test
    void aCardPulledMidSessionIsReportedAsRemoved() throws Exception {
        MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation());
        PcscReaders readers = new PcscReaders();
        VpcdConnector inserted = vpcd(card);
        inserted.connect();
        assertThat(readers.waitForCardPresent(READER, Duration.ofSeconds(10)))
                .as("card " + SHARED_READER_HINT)
                .isTrue();
        try (ApduTransport session = readers.connect(READER)) {
            JpkiCard jpki = new JpkiCard(session);
            assertThat(jpki.identify()).isEqualTo(TokenKind.MY_NUMBER_CARD);
            inserted.close();
            assertThat(readers.waitForCardAbsent(READER, Duration.ofSeconds(10)))
                    .as("removal " + SHARED_READER_HINT)
                    .isTrue();
            assertThat(jpki.readAuthCertificate()).isEqualTo(new CertificateRead.CardRemoved());
        }
    }

    @Test
    void anExtendedLengthCardIsReadInOneReadBinaryThroughPcscd() throws Exception {
        MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation())
                .behave(CardBehaviour.normal().withExtendedLength());
        PcscReaders readers = new PcscReaders();
        try (VpcdConnector inserted = vpcd(card)) {
            inserted.connect();
            assertThat(readers.waitForCardPresent(READER, Duration.ofSeconds(10)))
                    .as("card " + SHARED_READER_HINT)
                    .isTrue();
            try (ApduStats session = new ApduStats(readers.connect(READER))) {
                JpkiCard jpki = new JpkiCard(session);
                CertificateRead read = jpki.readAuthCertificate();
                assertThat(((CertificateRead.Read) read).der())
                        .isEqualTo(TestCards.personalisation().authCertDer());
                assertThat(session.commands()).isEqualTo(3);
                assertThat(jpki.extendedLengthUsed()).contains(true);
            }
        }
        assertThat(readers.waitForCardAbsent(READER, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aSmartphoneTokenIsReadAfterThePinThroughPcscd() throws Exception {
        MyNumberCardSimulator phone = new MyNumberCardSimulator(TestCards.personalisation(), "JPKIAPGPSETOKEN");
        PcscReaders readers = new PcscReaders();
        try (VpcdConnector inserted = vpcd(phone)) {
            inserted.connect();
            assertThat(readers.waitForCardPresent(READER, Duration.ofSeconds(10)))
                    .as("card " + SHARED_READER_HINT)
                    .isTrue();
            try (ApduTransport session = readers.connect(READER)) {
                JpkiCard jpki = new JpkiCard(session);
                assertThat(jpki.identify()).isEqualTo(TokenKind.SMARTPHONE_ANDROID);
                assertThat(jpki.readAuthCertificate()).isEqualTo(new CertificateRead.PinRequiredFirst());
                assertThat(jpki.verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Verified());
                assertThat(jpki.readAuthCertificate()).isInstanceOf(CertificateRead.Read.class);
            }
        }
        assertThat(readers.waitForCardAbsent(READER, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void faultsOfTheVirtualCardReachTheDriverAsTypedOutcomesThroughPcscd() throws Exception {
        PcscReaders readers = new PcscReaders();
        MyNumberCardSimulator garbage = new MyNumberCardSimulator(TestCards.personalisation())
                .behave(CardBehaviour.normal().garbageAfter(1));
        MyNumberCardSimulator blocked = new MyNumberCardSimulator(TestCards.personalisation()).blockAuthPin();
        try (VpcdConnector inserted = vpcd(garbage)) {
            inserted.connect();
            assertThat(readers.waitForCardPresent(READER, Duration.ofSeconds(10)))
                    .isTrue();
            try (ApduTransport session = readers.connect(READER)) {
                assertThat(new JpkiCard(session).readAuthCertificate())
                        .isEqualTo(new CertificateRead.Failed("select-auth_certificate", CardBehaviour.GARBAGE_SW));
            }
        }
        assertThat(readers.waitForCardAbsent(READER, Duration.ofSeconds(10))).isTrue();
        // Pulled off after SELECT AP + SELECT EF: the READ BINARY finds no card.
        MyNumberCardSimulator pulled = new MyNumberCardSimulator(TestCards.personalisation())
                .behave(CardBehaviour.normal().removedAfter(2));
        try (VpcdConnector inserted = vpcd(pulled)) {
            inserted.connect();
            assertThat(readers.waitForCardPresent(READER, Duration.ofSeconds(10)))
                    .as("card " + SHARED_READER_HINT)
                    .isTrue();
            try (ApduTransport session = readers.connect(READER)) {
                assertThat(new JpkiCard(session).readAuthCertificate()).isEqualTo(new CertificateRead.CardRemoved());
            }
            assertThat(inserted.awaitDisconnected(Duration.ofSeconds(5))).isTrue();
        }
        assertThat(readers.waitForCardAbsent(READER, Duration.ofSeconds(10))).isTrue();
        // A card that left in the middle of a command: pcscd reports it absent at once, but vpcd only takes the next
        // card after its next presence poll (~0.4 s). A hand needs longer than that to bring another card.
        Thread.sleep(1000);

        try (VpcdConnector inserted = vpcd(blocked)) {
            inserted.connect();
            assertThat(readers.waitForCardPresent(READER, Duration.ofSeconds(10)))
                    .isTrue();
            try (ApduTransport session = readers.connect(READER)) {
                JpkiCard jpki = new JpkiCard(session);
                assertThat(jpki.authPinTriesLeft()).isZero();
                assertThat(jpki.verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Blocked());
            }
        }
        assertThat(readers.waitForCardAbsent(READER, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aCardHeldByAnotherProgramIsReportedInUseUntilItLetsGo() throws Exception {
        MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation());
        PcscReaders readers = new PcscReaders();
        try (VpcdConnector inserted = vpcd(card)) {
            inserted.connect();
            assertThat(readers.waitForCardPresent(READER, Duration.ofSeconds(10)))
                    .as("card " + SHARED_READER_HINT)
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
                assertThatThrownBy(() -> readers.connect(READER, Duration.ofMillis(500)))
                        .isInstanceOf(CardInUseException.class)
                        .hasMessageContaining("another program");
            } finally {
                other.getOutputStream().close(); // lets go
                assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();
            }
            try (ApduTransport session = readers.connect(READER)) {
                JpkiCard jpki = new JpkiCard(session);
                assertThat(jpki.identify()).isEqualTo(TokenKind.MY_NUMBER_CARD);
                assertThat(jpki.verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Verified());
                assertThatThrownBy(() -> readers.connect(READER, Duration.ofMillis(200)))
                        .as("a second session of this program while the first holds the card")
                        .isInstanceOf(CardInUseException.class);
                assertThat(jpki.signWithAuthKey(new byte[32]))
                        .as("the holder's session is untouched")
                        .isInstanceOf(Signature.Signed.class);
            }
        }
        assertThat(readers.waitForCardAbsent(READER, Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aReaderWithoutACardRefusesToConnect() throws Exception {
        PcscReaders readers = new PcscReaders();
        assertThat(readers.cardPresent(READER))
                .as("no card " + SHARED_READER_HINT)
                .isFalse();
        assertThatThrownBy(() -> readers.connect(READER)).isInstanceOf(CardGoneException.class);
    }
}
