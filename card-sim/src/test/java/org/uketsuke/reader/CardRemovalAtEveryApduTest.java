package org.uketsuke.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.ResponseApdu;
import org.uketsuke.reader.cardface.CardFaceAp;
import org.uketsuke.reader.jpki.CertificateRead;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.jpki.PinCheck;
import org.uketsuke.reader.jpki.Signature;
import org.uketsuke.reader.sim.CardFacePersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VirtualCardTransport;

/**
 * The patient may pull the card at any moment. For every operation the terminal runs on a card, the card is taken
 * away before each of its APDUs in turn — and, separately, after the card has acted on an APDU but before its answer
 * arrives — and the operation must end in its own typed "card removed" outcome (or {@link CardGoneException} where the
 * operation declares it), never another exception, a partial result or a wrong "verified".
 */
class CardRemovalAtEveryApduTest {

    private static final String COLLATION_B = "55021720352285";
    private static CardFacePersonalisation face;

    @BeforeAll
    static void personalise() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        byte[] photo = new byte[3_500];
        new Random(7).nextBytes(photo);
        System.arraycopy(new byte[] {0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20}, 0, photo, 0, 8);
        face = new CardFacePersonalisation(
                COLLATION_B, "19800217", "2", photo, "20350217", rsa.generateKeyPair(), new byte[256]);
    }

    /** A transport that lets a set number of commands through, then behaves as if the card left the field. */
    private static final class PulledCard implements ApduTransport {
        private final ApduTransport inner;
        private long left = Long.MAX_VALUE;
        private boolean afterCardActed;
        private long sent;

        PulledCard(ApduTransport inner) {
            this.inner = inner;
        }

        /** From now on, {@code commands} more commands get through; the next one is lost. */
        void pullAfter(long commands, boolean afterTheCardActed) {
            left = commands;
            afterCardActed = afterTheCardActed;
            sent = 0;
        }

        @Override
        public ResponseApdu transmit(CommandApdu command) throws CardGoneException {
            if (left-- <= 0) {
                if (afterCardActed) {
                    inner.transmit(command); // the card did it; the answer never reaches us
                }
                throw new CardGoneException("card removed");
            }
            sent++;
            return inner.transmit(command);
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    /** A fresh card (own retry counters), its session, and the steps that must already have run on it. */
    private record Setup(MyNumberCardSimulator card, PulledCard session) {}

    private static Setup fresh(Consumer<ApduTransport> before) {
        MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation(), face);
        PulledCard session = new PulledCard(VirtualCardTransport.open(card));
        before.accept(session);
        return new Setup(card, session);
    }

    /**
     * Runs {@code operation} once whole to count its APDUs, then once per boundary with the card pulled there (both
     * before the card sees the command and after it acted on it), and checks each outcome.
     */
    private static <R> int everyBoundary(
            Consumer<ApduTransport> before, Function<ApduTransport, R> operation, Predicate<R> removed, String what) {
        Setup whole = fresh(before);
        whole.session().pullAfter(Long.MAX_VALUE, false);
        var _ = operation.apply(whole.session());
        long total = whole.session().sent;
        assertThat(total).as(what + " sends APDUs").isPositive();
        for (boolean acted : new boolean[] {false, true}) {
            for (long after = 0; after < total; after++) {
                Setup setup = fresh(before);
                setup.session().pullAfter(after, acted);
                R outcome = operation.apply(setup.session());
                assertThat(removed.test(outcome))
                        .as(
                                "%s, card pulled %s APDU %d of %d: %s",
                                what, acted ? "after the card acted on" : "before", after + 1, total, outcome)
                        .isTrue();
                assertThat(setup.card().myNumberApplicationSelected()).isFalse();
            }
        }
        return (int) total;
    }

    private static void nothing(ApduTransport session) {}

    private static void verifyPin(ApduTransport session) {
        assertThat(new JpkiCard(session).verifyAuthPin(TestCards.PIN.toCharArray()))
                .isEqualTo(new PinCheck.Verified());
    }

    private static void verifyCollation(ApduTransport session) {
        assertThat(new CardFaceAp(session).verifyCollationNumberB(COLLATION_B))
                .isEqualTo(new CardFaceAp.CollationCheck.Verified());
    }

    @Test
    void theAuthCertificateReadEndsInCardRemovedAtEveryBoundary() {
        everyBoundary(
                CardRemovalAtEveryApduTest::nothing,
                s -> new JpkiCard(s).readAuthCertificate(),
                r -> r instanceof CertificateRead.CardRemoved,
                "auth certificate");
    }

    @Test
    void theCaCertificateReadEndsInCardRemovedAtEveryBoundary() {
        everyBoundary(
                CardRemovalAtEveryApduTest::nothing,
                s -> new JpkiCard(s).readAuthCaCertificate(),
                r -> r instanceof CertificateRead.CardRemoved,
                "CA certificate");
    }

    @Test
    void aPinCheckEndsInCardRemovedAtEveryBoundaryAndNeverInVerified() {
        everyBoundary(
                CardRemovalAtEveryApduTest::nothing,
                s -> new JpkiCard(s).verifyAuthPin(TestCards.PIN.toCharArray()),
                r -> r instanceof PinCheck.CardRemoved,
                "PIN check");
        // A wrong PIN whose answer is lost: the try is spent on the card, and the terminal reads the counter again
        // instead of guessing (the pad shows what the card says).
        Setup setup = fresh(CardRemovalAtEveryApduTest::nothing);
        JpkiCard jpki = new JpkiCard(setup.session());
        long beforeVerify = countOf(s -> new JpkiCard(s).verifyAuthPin("9999".toCharArray()));
        setup.session().pullAfter(beforeVerify - 1, true);
        assertThat(jpki.verifyAuthPin("9999".toCharArray())).isEqualTo(new PinCheck.CardRemoved());
        setup.session().pullAfter(Long.MAX_VALUE, false);
        assertThat(catching(jpki::authPinTriesLeft)).isEqualTo(2);
    }

    @Test
    void theTriesLeftReadIsCardGoneAtEveryBoundary() {
        long total = countOf(s -> catching(() -> new JpkiCard(s).authPinTriesLeft()));
        for (long after = 0; after < total; after++) {
            Setup setup = fresh(CardRemovalAtEveryApduTest::nothing);
            setup.session().pullAfter(after, false);
            assertThatThrownBy(() -> new JpkiCard(setup.session()).authPinTriesLeft())
                    .isInstanceOf(CardGoneException.class);
        }
    }

    @Test
    void aSignatureEndsInCardRemovedAtEveryBoundary() {
        everyBoundary(
                CardRemovalAtEveryApduTest::verifyPin,
                s -> new JpkiCard(s).signWithAuthKey(new byte[32]),
                r -> r instanceof Signature.CardRemoved,
                "signature");
    }

    @Test
    void theCollationNumberBCheckEndsInCardRemovedAtEveryBoundary() {
        everyBoundary(
                CardRemovalAtEveryApduTest::nothing,
                s -> new CardFaceAp(s).verifyCollationNumberB(COLLATION_B),
                r -> r instanceof CardFaceAp.CollationCheck.CardRemoved,
                "照合番号B");
    }

    @Test
    void theCardFaceReadEndsInCardRemovedAtEveryBoundaryNeverWithAPartialPhoto() {
        int apdus = everyBoundary(
                CardRemovalAtEveryApduTest::verifyCollation,
                s -> new CardFaceAp(s).readCardFace(),
                r -> r instanceof CardFaceAp.FaceRead.CardRemoved,
                "card face");
        assertThat(apdus)
                .as("the photo comes in chunks, so there are many boundaries")
                .isGreaterThan(10);
    }

    @Test
    void thePresenceProofIsEmptyNotFalseAtEveryBoundary() {
        byte[] key = face.applicationKey().getPublic().getEncoded();
        everyBoundary(
                CardRemovalAtEveryApduTest::verifyCollation,
                s -> new CardFaceAp(s).provePresence(key),
                Optional::isEmpty,
                "presence proof");
    }

    @Test
    void theExpiryReadIsCardGoneAtEveryBoundary() {
        long total = countOf(s -> catching(() -> new CardFaceAp(s).cardExpiry()));
        assertThat(total).isPositive();
        for (long after = 0; after < total; after++) {
            Setup setup = fresh(CardRemovalAtEveryApduTest::nothing);
            setup.session().pullAfter(after, false);
            assertThatThrownBy(() -> new CardFaceAp(setup.session()).cardExpiry())
                    .isInstanceOf(CardGoneException.class);
        }
    }

    @Test
    void identifyingTheCardIsCardGoneAtEveryBoundary() {
        long total = countOf(s -> catching(() -> new JpkiCard(s).identify()));
        for (long after = 0; after < total; after++) {
            Setup setup = fresh(CardRemovalAtEveryApduTest::nothing);
            setup.session().pullAfter(after, false);
            assertThatThrownBy(() -> new JpkiCard(setup.session()).identify()).isInstanceOf(CardGoneException.class);
        }
    }

    private static long countOf(Function<ApduTransport, ?> operation) {
        Setup whole = fresh(CardRemovalAtEveryApduTest::nothing);
        whole.session().pullAfter(Long.MAX_VALUE, false);
        var _ = operation.apply(whole.session());
        return whole.session().sent;
    }

    private interface CardCall<T> {
        T call() throws CardGoneException;
    }

    private static <T> T catching(CardCall<T> call) {
        try {
            return call.call();
        } catch (CardGoneException e) {
            throw new AssertionError("card gone without being pulled", e);
        }
    }
}
