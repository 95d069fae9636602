package org.uketsuke.reader.jpki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uketsuke.reader.TestCards;
import org.uketsuke.reader.api.ApduStats;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.ResponseApdu;
import org.uketsuke.reader.cardface.CardFaceAp;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VirtualCardTransport;

/** The driver against the shipped virtual card, in-process: every operation's typed outcome. */
class JpkiCardTest {

    private final MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation());

    private JpkiCard driver() {
        return new JpkiCard(VirtualCardTransport.open(card));
    }

    @Test
    void aMyNumberCardIsIdentifiedByItsTokenLabel() throws Exception {
        assertThat(driver().identify()).isEqualTo(TokenKind.MY_NUMBER_CARD);
        MyNumberCardSimulator juki = new MyNumberCardSimulator(TestCards.personalisation(), "JPKIAPICCTOKEN");
        assertThat(new JpkiCard(VirtualCardTransport.open(juki)).identify()).isEqualTo(TokenKind.JUKI_CARD);
        MyNumberCardSimulator android = new MyNumberCardSimulator(TestCards.personalisation(), "JPKIAPGPSETOKEN");
        assertThat(new JpkiCard(VirtualCardTransport.open(android)).identify()).isEqualTo(TokenKind.SMARTPHONE_ANDROID);
    }

    @Test
    void aCardWithoutTheJpkiApplicationIsNotJpki() throws Exception {
        ApduTransport noJpki = new ApduTransport() {
            @Override
            public ResponseApdu transmit(CommandApdu command) {
                return ResponseApdu.status(0x6A82);
            }

            @Override
            public void close() {}
        };
        assertThat(new JpkiCard(noJpki).identify()).isEqualTo(TokenKind.NOT_JPKI);
        MyNumberCardSimulator iphone = new MyNumberCardSimulator(TestCards.personalisation(), "JPKIAPIOSTOKEN");
        assertThat(new JpkiCard(VirtualCardTransport.open(iphone)).identify()).isEqualTo(TokenKind.SMARTPHONE_IOS);
    }

    @Test
    void thePinIsVerifiedFromACharArrayAndLeavesNoCopyInTheCommand() {
        ApduTransport simulator = VirtualCardTransport.open(card);
        List<CommandApdu> sent = new ArrayList<>();
        ApduTransport recording = new ApduTransport() {
            @Override
            public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
                sent.add(command);
                return simulator.transmit(command);
            }

            @Override
            public void close() {
                simulator.close();
            }
        };
        char[] pin = TestCards.PIN.toCharArray();
        assertThat(new JpkiCard(recording).verifyAuthPin(pin)).isEqualTo(new PinCheck.Verified());
        CommandApdu verify = sent.stream()
                .filter(c -> c.ins() == 0x20 && c.data().length == 4)
                .findFirst()
                .orElseThrow();
        assertThat(verify.data()).as("the PIN bytes are wiped once sent").containsOnly(0);
        assertThat(new JpkiCard(VirtualCardTransport.open(card)).verifyAuthPin("１２３４".toCharArray()))
                .as("full-width digits are not a PIN")
                .isInstanceOf(PinCheck.Failed.class);
    }

    @Test
    void aSmartphoneTokenKeepsItsCertificateBehindThePin() {
        MyNumberCardSimulator android = new MyNumberCardSimulator(TestCards.personalisation(), "JPKIAPGPSETOKEN");
        JpkiCard driver = new JpkiCard(VirtualCardTransport.open(android));
        assertThat(driver.readAuthCertificate()).isEqualTo(new CertificateRead.PinRequiredFirst());
        assertThat(driver.verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Verified());
        assertThat(driver.readAuthCertificate()).isInstanceOf(CertificateRead.Read.class);
    }

    @Test
    void theJpkiApplicationIsSelectedAgainAfterAnotherOneUsedTheSameSession() throws Exception {
        ApduTransport session = VirtualCardTransport.open(card);
        JpkiCard jpki = new JpkiCard(session);
        assertThat(jpki.identify()).isEqualTo(TokenKind.MY_NUMBER_CARD);
        assertThat(new CardFaceAp(session).cardExpiry()).isPresent();
        assertThat(jpki.verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Verified());
        assertThat(jpki.authPinTriesLeft()).isEqualTo(3);
        assertThat(jpki.signWithAuthKey(new byte[32])).isInstanceOf(Signature.Signed.class);
    }

    @Test
    void aPinVisitSelectsEachApplicationAndFileOnlyOnceTheGuardKnowsItIsCurrent() throws Exception {
        ApduStats stats = new ApduStats(VirtualCardTransport.open(card));
        JpkiCard jpki = new JpkiCard(stats);
        assertThat(jpki.identify()).isEqualTo(TokenKind.MY_NUMBER_CARD);
        long identify = stats.commands();
        assertThat(jpki.readAuthCertificate()).isInstanceOf(CertificateRead.Read.class);
        long certificate = stats.commands();
        assertThat(jpki.authPinTriesLeft()).isEqualTo(3);
        long tries = stats.commands();
        assertThat(jpki.verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Verified());
        long verify = stats.commands();
        assertThat(jpki.signWithAuthKey(new byte[32])).isInstanceOf(Signature.Signed.class);

        assertThat(identify).as("select JPKI, select token, read").isEqualTo(3);
        ApduStats fresh = new ApduStats(VirtualCardTransport.open(card));
        assertThat(new JpkiCard(fresh).readAuthCertificate()).isInstanceOf(CertificateRead.Read.class);
        assertThat(certificate - identify)
                .as("the same read as in a fresh session, without its select of the JPKI AP")
                .isEqualTo(fresh.commands() - 1);
        assertThat(tries - certificate).as("select PIN EF, VERIFY without data").isEqualTo(2);
        assertThat(verify - tries)
                .as("the PIN EF is still current: VERIFY only")
                .isEqualTo(1);
        assertThat(stats.commands() - verify).as("select key EF, sign").isEqualTo(2);
    }

    @Test
    void withoutAGuardThatKnowsTheSelectionEveryOperationSelectsAgain() throws Exception {
        ApduTransport guarded = VirtualCardTransport.open(card);
        List<String> sent = new ArrayList<>();
        ApduTransport unknowing = new ApduTransport() { // a decorator that does not pass the selection on
                    @Override
                    public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
                        sent.add(command.header());
                        return guarded.transmit(command);
                    }

                    @Override
                    public void close() {
                        guarded.close();
                    }
                };
        JpkiCard jpki = new JpkiCard(unknowing);
        assertThat(jpki.identify()).isEqualTo(TokenKind.MY_NUMBER_CARD);
        sent.clear();
        assertThat(jpki.verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Verified());
        assertThat(sent).hasSize(3);
        assertThat(sent.getFirst()).startsWith("00A4040C");
    }

    @Test
    void theAuthCertificateIsReadWithoutPinInAtMostEightApdus() throws Exception {
        ApduStats stats = new ApduStats(VirtualCardTransport.open(card));
        CertificateRead read = new JpkiCard(stats).readAuthCertificate();
        assertThat(read).isInstanceOf(CertificateRead.Read.class);
        CertificateRead.Read ok = (CertificateRead.Read) read;
        assertThat(ok.der()).isEqualTo(TestCards.personalisation().authCertDer());
        assertThat(ok.certificate().getSubjectX500Principal().getName()).contains("CN=TEST0001");
        assertThat(stats.commands()).isLessThanOrEqualTo(8);
        assertThat(card.myNumberApplicationSelected()).isFalse();
    }

    @Test
    void theCaCertificateIsReadToo() {
        CertificateRead read = driver().readAuthCaCertificate();
        assertThat(((CertificateRead.Read) read).der())
                .isEqualTo(TestCards.personalisation().authCaCertDer());
    }

    @Test
    void theRetryCounterCountsDownAndBlocksOnTheThirdWrongPin() throws Exception {
        JpkiCard driver = driver();
        assertThat(driver.authPinTriesLeft()).isEqualTo(3);
        assertThat(driver.verifyAuthPin("0000")).isEqualTo(new PinCheck.Wrong(2));
        assertThat(driver.authPinTriesLeft()).as("asking does not spend a try").isEqualTo(2);
        assertThat(driver.verifyAuthPin("0000")).isEqualTo(new PinCheck.Wrong(1));
        assertThat(driver.verifyAuthPin("0000"))
                .as("63C0 on the exhausting try")
                .isEqualTo(new PinCheck.Blocked());
        assertThat(driver.verifyAuthPin(TestCards.PIN))
                .as("6984 afterwards, even right")
                .isEqualTo(new PinCheck.Blocked());
        assertThat(driver.authPinTriesLeft()).isZero();
    }

    @Test
    void aRightPinResetsTheCounter() throws Exception {
        JpkiCard driver = driver();
        driver.verifyAuthPin("9999");
        assertThat(driver.verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Verified());
        assertThat(new JpkiCard(VirtualCardTransport.open(card)).authPinTriesLeft())
                .isEqualTo(3);
    }

    @Test
    void malformedPinsAreRefusedBeforeAnythingIsSent() {
        ApduStats stats = new ApduStats(VirtualCardTransport.open(card));
        JpkiCard driver = new JpkiCard(stats);
        for (String pin : new String[] {"123", "12345", "12a4", "", null}) {
            assertThat(driver.verifyAuthPin(pin)).isInstanceOf(PinCheck.Failed.class);
        }
        assertThat(stats.commands()).isZero();
    }

    @Test
    void theSignatureOverANonceVerifiesWithTheCertificateKey() throws Exception {
        JpkiCard driver = driver();
        CertificateRead.Read read = (CertificateRead.Read) driver.readAuthCertificate();
        assertThat(driver.verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Verified());
        byte[] nonce = "a nonce from the qualification backend".getBytes(StandardCharsets.UTF_8);
        Signature signature =
                driver.signWithAuthKey(MessageDigest.getInstance("SHA-256").digest(nonce));
        assertThat(signature).isInstanceOf(Signature.Signed.class);
        byte[] bytes = ((Signature.Signed) signature).signature();
        assertThat(bytes).hasSize(256);
        X509Certificate certificate = read.certificate();
        java.security.Signature verify = java.security.Signature.getInstance("SHA256withRSA");
        verify.initVerify(certificate.getPublicKey());
        verify.update(nonce);
        assertThat(verify.verify(bytes)).isTrue();
    }

    @Test
    void signingWithoutThePinAsksForIt() throws Exception {
        Signature signature = driver().signWithAuthKey(new byte[32]);
        assertThat(signature).isEqualTo(new Signature.PinRequired());
    }

    @Test
    void theVerifiedPinDoesNotSurviveTheEndOfTheSession() throws Exception {
        ApduTransport session = VirtualCardTransport.open(card);
        new JpkiCard(session).verifyAuthPin(TestCards.PIN);
        session.close();
        assertThat(driver().signWithAuthKey(new byte[32])).isEqualTo(new Signature.PinRequired());
    }

    @Test
    void aCardRemovedAtEveryApduBoundaryOfTheCertificateReadGivesCardRemoved() {
        long total;
        ApduStats counting = new ApduStats(VirtualCardTransport.open(card));
        new JpkiCard(counting).readAuthCertificate();
        total = counting.commands();
        for (int after = 0; after < total; after++) {
            CertificateRead read =
                    new JpkiCard(new RemovedAfter(VirtualCardTransport.open(card), after)).readAuthCertificate();
            assertThat(read).as("removed after %d APDUs", after).isEqualTo(new CertificateRead.CardRemoved());
        }
    }

    @Test
    void aCardRemovedDuringPinOrSignatureGivesCardRemoved() {
        assertThat(new JpkiCard(new RemovedAfter(VirtualCardTransport.open(card), 2)).verifyAuthPin(TestCards.PIN))
                .isEqualTo(new PinCheck.CardRemoved());
        assertThat(new JpkiCard(new RemovedAfter(VirtualCardTransport.open(card), 1)).signWithAuthKey(new byte[32]))
                .isEqualTo(new Signature.CardRemoved());
    }

    @Test
    void wrongLeAndMoreDataStatusWordsAreFollowed() {
        // A reader/card pair that answers 6Cxx to the first read and splits answers with 61xx (T=0 style).
        List<String> sent = new ArrayList<>();
        ApduTransport quirky = new ApduTransport() {
            private final ApduTransport inner = VirtualCardTransport.open(card);
            private byte[] pending;
            private boolean first = true;

            @Override
            public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
                sent.add(command.header());
                if (command.ins() == 0xC0) {
                    byte[] rest = pending;
                    pending = null;
                    return ResponseApdu.ok(rest);
                }
                ResponseApdu answer = inner.transmit(command);
                if (command.ins() == 0xB0 && first) {
                    first = false;
                    return ResponseApdu.status(0x6C00 | 0x80);
                }
                if (command.ins() == 0xB0 && answer.data().length > 100) {
                    byte[] data = answer.data();
                    pending = Arrays.copyOfRange(data, 100, data.length);
                    return new ResponseApdu(Arrays.copyOf(data, 100), 0x61, pending.length & 0xFF);
                }
                return answer;
            }

            @Override
            public void close() {}
        };
        CertificateRead read = new JpkiCard(quirky).readAuthCertificate();
        assertThat(read).isInstanceOf(CertificateRead.Read.class);
        assertThat(((CertificateRead.Read) read).der())
                .isEqualTo(TestCards.personalisation().authCertDer());
        assertThat(sent).contains("00C00000");
    }

    /** A transport whose card is pulled after N commands: the byte-level double of a removal. */
    static final class RemovedAfter implements ApduTransport {
        private final ApduTransport inner;
        private int left;

        RemovedAfter(ApduTransport inner, int commands) {
            this.inner = inner;
            this.left = commands;
        }

        @Override
        public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
            if (left-- <= 0) {
                throw new CardGoneException("removed");
            }
            return inner.transmit(command);
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
