package org.uketsuke.reader.jpki;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.uketsuke.reader.TestCards;
import org.uketsuke.reader.api.ApduStats;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.ResponseApdu;
import org.uketsuke.reader.sim.CardBehaviour;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VirtualCardTransport;

/** Extended-length reads, smartphone tokens and the simulator's fault variants, in-process. */
class JpkiCardVariantsTest {

    private static final byte[] CERT = TestCards.personalisation().authCertDer();

    private static MyNumberCardSimulator card(CardBehaviour behaviour) {
        return new MyNumberCardSimulator(TestCards.personalisation()).behave(behaviour);
    }

    @Test
    void anExtendedLengthCardGivesTheWholeCertificateInOneReadBinary() {
        MyNumberCardSimulator card = card(CardBehaviour.normal().withExtendedLength());
        ApduStats stats = new ApduStats(VirtualCardTransport.open(card));
        JpkiCard jpki = new JpkiCard(stats);
        CertificateRead read = jpki.readAuthCertificate();
        assertThat(((CertificateRead.Read) read).der()).isEqualTo(CERT);
        assertThat(stats.commands()).as("SELECT AP, SELECT EF, one READ BINARY").isEqualTo(3);
        assertThat(jpki.extendedLengthUsed()).contains(true);
    }

    @Test
    void aShortOnlyCardRefusesTheExtendedProbeOnceAndIsReadInShortChunks() {
        MyNumberCardSimulator card = card(CardBehaviour.normal());
        List<String> sent = new ArrayList<>();
        ApduStats stats = new ApduStats(recording(VirtualCardTransport.open(card), sent));
        JpkiCard jpki = new JpkiCard(stats);
        assertThat(((CertificateRead.Read) jpki.readAuthCertificate()).der()).isEqualTo(CERT);
        assertThat(stats.commands()).as("the goal: at most 8").isLessThanOrEqualTo(8);
        assertThat(jpki.extendedLengthUsed()).contains(false);
        assertThat(sent).filteredOn(h -> h.startsWith("00B00000 ext")).hasSize(1);
        sent.clear();
        assertThat(jpki.readAuthCaCertificate()).isInstanceOf(CertificateRead.Read.class);
        assertThat(sent).as("the session remembers: no second probe").noneMatch(h -> h.contains("ext"));
    }

    @Test
    void shortModeNeverSendsAnExtendedApdu() {
        MyNumberCardSimulator card = card(CardBehaviour.normal().withExtendedLength());
        List<String> sent = new ArrayList<>();
        JpkiCard jpki = new JpkiCard(recording(VirtualCardTransport.open(card), sent), JpkiCard.ReadMode.SHORT);
        assertThat(((CertificateRead.Read) jpki.readAuthCertificate()).der()).isEqualTo(CERT);
        assertThat(sent).noneMatch(h -> h.contains("ext")).hasSizeGreaterThan(3);
    }

    @Test
    void aTransportErrorOnTheExtendedProbeFallsBackToShort() {
        MyNumberCardSimulator card = card(CardBehaviour.normal().withExtendedLength());
        ApduTransport inner = VirtualCardTransport.open(card);
        ApduTransport noExtended = new ApduTransport() {
            @Override
            public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
                if (command.extended()) {
                    throw new CardGoneException("the reader cannot send extended APDUs");
                }
                return inner.transmit(command);
            }

            @Override
            public void close() {}
        };
        JpkiCard jpki = new JpkiCard(noExtended);
        assertThat(((CertificateRead.Read) jpki.readAuthCertificate()).der()).isEqualTo(CERT);
        assertThat(jpki.extendedLengthUsed()).contains(false);
    }

    @Test
    void aWrongLengthHintToTheExtendedProbeFallsBackToShort() {
        MyNumberCardSimulator card = card(CardBehaviour.normal().withExtendedLength());
        ApduTransport inner = VirtualCardTransport.open(card);
        ApduTransport sixC = new ApduTransport() {
            @Override
            public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
                return command.extended() ? ResponseApdu.status(0x6C00) : inner.transmit(command);
            }

            @Override
            public void close() {}
        };
        assertThat(((CertificateRead.Read) new JpkiCard(sixC).readAuthCertificate()).der())
                .isEqualTo(CERT);
    }

    @Test
    void aCardRemovedAtEveryApduBoundaryGivesCardRemovedWithExtendedLengthToo() {
        for (CardBehaviour behaviour :
                List.of(CardBehaviour.normal(), CardBehaviour.normal().withExtendedLength())) {
            MyNumberCardSimulator card = card(behaviour);
            ApduStats counting = new ApduStats(VirtualCardTransport.open(card));
            new JpkiCard(counting).readAuthCertificate();
            for (long after = 0; after < counting.commands(); after++) {
                card.behave(behaviour.removedAfter(after));
                CertificateRead read = new JpkiCard(VirtualCardTransport.open(card)).readAuthCertificate();
                assertThat(read)
                        .as("%s, removed after %d APDUs", behaviour, after)
                        .isEqualTo(new CertificateRead.CardRemoved());
            }
        }
    }

    @Test
    void anAndroidTokenNeedsThePinFirstThenTheCertificateReads() throws Exception {
        for (String token : List.of("JPKIAPGPSETOKEN")) {
            MyNumberCardSimulator phone = new MyNumberCardSimulator(TestCards.personalisation(), token);
            try (ApduTransport session = VirtualCardTransport.open(phone)) {
                JpkiCard jpki = new JpkiCard(session);
                assertThat(jpki.identify()).isEqualTo(TokenKind.SMARTPHONE_ANDROID);
                assertThat(jpki.readAuthCertificate()).isEqualTo(new CertificateRead.PinRequiredFirst());
                assertThat(jpki.readAuthCaCertificate())
                        .as("the CA certificate is free")
                        .isInstanceOf(CertificateRead.Read.class);
                assertThat(jpki.verifyAuthPin("0000")).isEqualTo(new PinCheck.Wrong(2));
                assertThat(jpki.readAuthCertificate()).isEqualTo(new CertificateRead.PinRequiredFirst());
                assertThat(jpki.verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Verified());
                assertThat(((CertificateRead.Read) jpki.readAuthCertificate()).der())
                        .isEqualTo(CERT);
            }
            assertThat(new JpkiCard(VirtualCardTransport.open(phone)).readAuthCertificate())
                    .as("a new session needs the PIN again")
                    .isEqualTo(new CertificateRead.PinRequiredFirst());
        }
    }

    @Test
    void anIPhoneUnlockedOnThePhoneGivesItsCertificateAndSignsWithoutAPin() throws Exception {
        MyNumberCardSimulator phone = new MyNumberCardSimulator(TestCards.personalisation(), "JPKIAPIOSTOKEN");
        try (ApduTransport session = VirtualCardTransport.open(phone)) {
            JpkiCard jpki = new JpkiCard(session);
            assertThat(jpki.identify()).isEqualTo(TokenKind.SMARTPHONE_IOS);
            assertThat(((CertificateRead.Read) jpki.readAuthCertificate()).der())
                    .isEqualTo(CERT);
            assertThat(jpki.signWithAuthKey(new byte[32])).isInstanceOf(Signature.Signed.class);
        }
    }

    @Test
    void aFaceOnlyCardHasNoPinToTryAndItsKeyNeverSigns() throws Exception {
        MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation()).withoutAuthPin();
        JpkiCard jpki = new JpkiCard(VirtualCardTransport.open(card));
        assertThat(jpki.authPinTriesLeft()).isEqualTo(JpkiCard.NO_AUTH_PIN);
        assertThat(jpki.readAuthCertificate()).isInstanceOf(CertificateRead.Read.class);
        assertThat(jpki.signWithAuthKey(new byte[32])).isInstanceOf(Signature.PinRequired.class);
    }

    @Test
    void aBlockedPinIsReportedWithoutSpendingAnything() throws Exception {
        MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation()).blockAuthPin();
        JpkiCard jpki = new JpkiCard(VirtualCardTransport.open(card));
        assertThat(jpki.authPinTriesLeft()).isZero();
        assertThat(jpki.verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Blocked());
        assertThat(jpki.readAuthCertificate())
                .as("the certificate stays readable")
                .isInstanceOf(CertificateRead.Read.class);
        assertThat(jpki.signWithAuthKey(new byte[32])).isEqualTo(new Signature.PinRequired());
    }

    @Test
    void garbageStatusWordsGiveAFailureNamingTheStep() {
        record Case(long after, String step) {}
        for (Case c : List.of(
                new Case(0, "select-jpki"),
                new Case(1, "select-auth_certificate"),
                new Case(3, "read-first"),
                new Case(4, "read-at-256"))) {
            // AUTO on a short card: SELECT, SELECT, extended probe (6700), short READ BINARY at 0, at 256 …
            MyNumberCardSimulator card = card(CardBehaviour.normal().garbageAfter(c.after()));
            assertThat(new JpkiCard(VirtualCardTransport.open(card)).readAuthCertificate())
                    .isEqualTo(new CertificateRead.Failed(c.step(), CardBehaviour.GARBAGE_SW));
        }
        MyNumberCardSimulator card = card(CardBehaviour.normal().garbageAfter(2));
        JpkiCard jpki = new JpkiCard(VirtualCardTransport.open(card));
        assertThat(jpki.verifyAuthPin(TestCards.PIN))
                .isEqualTo(new PinCheck.Failed("verify", CardBehaviour.GARBAGE_SW));
    }

    @Test
    void aSlowCardStillReadsCorrectly() {
        MyNumberCardSimulator card = card(CardBehaviour.normal().withLatency(Duration.ofMillis(5)));
        assertThat(((CertificateRead.Read) new JpkiCard(VirtualCardTransport.open(card)).readAuthCertificate()).der())
                .isEqualTo(CERT);
        assertThat(card.behaviour().latency()).isEqualTo(Duration.ofMillis(5));
    }

    /** Records each command's header, marking extended ones. */
    private static ApduTransport recording(ApduTransport inner, List<String> sent) {
        return new ApduTransport() {
            @Override
            public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
                sent.add(command.header() + (command.extended() ? " ext" : ""));
                return inner.transmit(command);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
