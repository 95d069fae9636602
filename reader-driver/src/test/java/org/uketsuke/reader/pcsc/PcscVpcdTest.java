package org.uketsuke.reader.pcsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uketsuke.reader.TestCards;
import org.uketsuke.reader.api.Aid;
import org.uketsuke.reader.api.ApduStats;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.guard.MyNumberAccessRefused;
import org.uketsuke.reader.jpki.CertificateRead;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.jpki.PinCheck;
import org.uketsuke.reader.jpki.Signature;
import org.uketsuke.reader.jpki.TokenKind;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VpcdConnector;

/**
 * The production path end to end: javax.smartcardio → libpcsclite → a real pcscd → the vpcd driver → our virtual
 * card over TCP. Fails (never skips) when pcscd or vpcd cannot be had, saying why.
 */
class PcscVpcdTest {

    private static final String READER = "Virtual PCD 00 00";
    /** vpcd serves one card per reader: another program's virtual card on it makes these tests fail. */
    private static final String SHARED_READER_HINT = "seen in " + READER + " (is another program using that reader?)";

    @BeforeAll
    static void pcscdRuns() {
        PcscService.Status status = PcscService.ensureRunning(Duration.ofSeconds(10));
        if (status instanceof PcscService.Status.Unavailable unavailable) {
            fail("the PC/SC test needs pcscd with the vpcd driver: " + unavailable.reason());
        }
        List<String> readers = ((PcscService.Status.Running) status).readers();
        assertThat(readers).as("vpcd's virtual readers").contains(READER);
    }

    @Test
    void theDriverReadsVerifiesAndSignsThroughARealPcscd() throws Exception {
        MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation());
        PcscReaders readers = new PcscReaders();
        try (VpcdConnector inserted = new VpcdConnector(card)) {
            inserted.connect();
            assertThat(readers.waitForCardPresent(READER, Duration.ofSeconds(10))).as("card " + SHARED_READER_HINT).isTrue();
            try (ApduStats session = new ApduStats(readers.connect(READER))) {
                long before = card.commandCount();
                assertThatThrownBy(() -> session.transmit(
                                CommandApdu.of(0x00, 0xA4, 0x04, 0x0C, Aid.TEXT_INPUT_SUPPORT.bytes())))
                        .as("the PC/SC session is guarded").isInstanceOf(MyNumberAccessRefused.class);
                assertThat(card.commandCount()).as("nothing reached the card").isEqualTo(before);
                JpkiCard jpki = new JpkiCard(session);
                assertThat(jpki.identify()).isEqualTo(TokenKind.MY_NUMBER_CARD);
                session.reset();
                CertificateRead read = jpki.readAuthCertificate();
                assertThat(read).isInstanceOf(CertificateRead.Read.class);
                assertThat(((CertificateRead.Read) read).der()).isEqualTo(TestCards.personalisation().authCertDer());
                assertThat(session.commands()).isLessThanOrEqualTo(8);

                assertThat(jpki.authPinTriesLeft()).isEqualTo(3);
                assertThat(jpki.verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Verified());
                byte[] nonce = "nonce over pcsc".getBytes();
                Signature signature = jpki.signWithAuthKey(MessageDigest.getInstance("SHA-256").digest(nonce));
                java.security.Signature verify = java.security.Signature.getInstance("SHA256withRSA");
                verify.initVerify(((CertificateRead.Read) read).certificate().getPublicKey());
                verify.update(nonce);
                assertThat(verify.verify(((Signature.Signed) signature).signature())).isTrue();
            }
        }
        assertThat(readers.waitForCardAbsent(READER, Duration.ofSeconds(10))).as("removal " + SHARED_READER_HINT).isTrue();
        assertThat(card.myNumberApplicationSelected()).isFalse();
    }

    @Test
    void aCardPulledMidSessionIsReportedAsRemoved() throws Exception {
        MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation());
        PcscReaders readers = new PcscReaders();
        VpcdConnector inserted = new VpcdConnector(card);
        inserted.connect();
        assertThat(readers.waitForCardPresent(READER, Duration.ofSeconds(10))).as("card " + SHARED_READER_HINT).isTrue();
        try (ApduTransport session = readers.connect(READER)) {
            JpkiCard jpki = new JpkiCard(session);
            assertThat(jpki.identify()).isEqualTo(TokenKind.MY_NUMBER_CARD);
            inserted.close();
            assertThat(readers.waitForCardAbsent(READER, Duration.ofSeconds(10))).as("removal " + SHARED_READER_HINT).isTrue();
            assertThat(jpki.readAuthCertificate()).isEqualTo(new CertificateRead.CardRemoved());
        }
    }

    @Test
    void aReaderWithoutACardRefusesToConnect() throws Exception {
        PcscReaders readers = new PcscReaders();
        assertThat(readers.cardPresent(READER)).as("no card " + SHARED_READER_HINT).isFalse();
        assertThatThrownBy(() -> readers.connect(READER)).isInstanceOf(CardGoneException.class);
    }
}
