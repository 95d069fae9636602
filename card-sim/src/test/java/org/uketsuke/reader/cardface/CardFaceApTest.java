package org.uketsuke.reader.cardface;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.uketsuke.reader.TestCards;
import org.uketsuke.reader.api.ApduStats;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.jpki.CertificateRead;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.jpki.PinCheck;
import org.uketsuke.reader.jpki.Signature;
import org.uketsuke.reader.jpki.TokenKind;
import org.uketsuke.reader.sim.CardFacePersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VirtualCardTransport;

/** The card-face AP of the virtual card through the driver: 照合番号B, the photo, presence, expiry. */
class CardFaceApTest {

    private static final String COLLATION_B = "55021720352285";
    private static CardFacePersonalisation face;
    private static KeyPair otherKey;

    @BeforeAll
    static void personalise() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        byte[] photo = new byte[3_500];
        new Random(1).nextBytes(photo);
        System.arraycopy(new byte[] {0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20}, 0, photo, 0, 8);
        face = new CardFacePersonalisation(
                COLLATION_B, "19800217", "2", photo, "20350217", rsa.generateKeyPair(), new byte[256]);
        otherKey = rsa.generateKeyPair();
    }

    private final MyNumberCardSimulator card = new MyNumberCardSimulator(TestCards.personalisation(), face);

    private CardFaceAp ap() {
        return new CardFaceAp(VirtualCardTransport.open(card));
    }

    @Test
    void thePhotoIsLockedUntilCollationNumberBIsVerified() {
        CardFaceAp ap = ap();
        assertThat(ap.readCardFace()).isEqualTo(new CardFaceAp.FaceRead.Locked());
        assertThat(ap.verifyCollationNumberB(COLLATION_B)).isEqualTo(new CardFaceAp.CollationCheck.Verified());
        CardFaceAp.FaceRead read = ap.readCardFace();
        assertThat(read).isInstanceOfSatisfying(CardFaceAp.FaceRead.Read.class, r -> {
            assertThat(r.data().photoJp2()).isEqualTo(face.photoJp2());
            assertThat(r.data().birthDate()).isEqualTo("19800217");
            assertThat(r.data().expiry()).isEqualTo("20350217");
            assertThat(r.data().publicKey())
                    .isEqualTo(face.applicationKey().getPublic().getEncoded());
        });
        assertThat(card.myNumberApplicationSelected()).isFalse();
    }

    @Test
    void theFacePathRunsOnTheSessionTheJpkiStepsUsedAndThePinPathStillWorksAfterIt() throws Exception {
        ApduTransport session = VirtualCardTransport.open(card);
        JpkiCard jpki = new JpkiCard(session);
        assertThat(jpki.identify()).isEqualTo(TokenKind.MY_NUMBER_CARD);
        assertThat(jpki.readAuthCertificate()).isInstanceOf(CertificateRead.Read.class);
        assertThat(jpki.authPinTriesLeft()).isEqualTo(3);
        CardFaceAp ap = new CardFaceAp(session);
        assertThat(ap.verifyCollationNumberB(COLLATION_B)).isEqualTo(new CardFaceAp.CollationCheck.Verified());
        CardFaceAp.FaceRead.Read read = (CardFaceAp.FaceRead.Read) ap.readCardFace();
        assertThat(ap.provePresence(read.data().publicKey())).contains(true);
        assertThat(ap.cardExpiry()).contains("20350217");
        assertThat(jpki.verifyAuthPin(TestCards.PIN)).isEqualTo(new PinCheck.Verified());
        assertThat(jpki.signWithAuthKey(new byte[32])).isInstanceOf(Signature.Signed.class);
        assertThat(card.myNumberApplicationSelected()).isFalse();
    }

    @Test
    void aWrongCollationNumberBCostsATryAndIsNeverRetried() throws Exception {
        CardFaceAp ap = ap();
        int before = ap.collationTriesLeft();
        assertThat(ap.verifyCollationNumberB("55021720350000"))
                .isEqualTo(new CardFaceAp.CollationCheck.Wrong(before - 1));
        assertThat(ap.collationTriesLeft()).isEqualTo(before - 1);
        assertThat(ap.verifyCollationNumberB("5502")).isInstanceOf(CardFaceAp.CollationCheck.Failed.class);
        assertThat(ap.collationTriesLeft()).as("a malformed number is not sent").isEqualTo(before - 1);
    }

    @Test
    void thePresenceProofVerifiesOnlyWithTheCardsOwnKey() {
        CardFaceAp ap = ap();
        assertThat(ap.provePresence(face.applicationKey().getPublic().getEncoded()))
                .contains(true);
        assertThat(ap.provePresence(otherKey.getPublic().getEncoded())).contains(false);
    }

    @Test
    void theExpiryIsReadableWithoutAnyCredential() throws Exception {
        assertThat(ap().cardExpiry()).contains("20350217");
    }

    @Test
    void thePhotoReadIsChunked() {
        ApduStats stats = new ApduStats(VirtualCardTransport.open(card));
        CardFaceAp ap = new CardFaceAp(stats);
        ap.verifyCollationNumberB(COLLATION_B);
        stats.reset();
        ap.readCardFace();
        assertThat(stats.commands()).isGreaterThan(10).isLessThan(25);
    }
}
