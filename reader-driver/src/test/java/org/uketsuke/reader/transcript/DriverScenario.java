package org.uketsuke.reader.transcript;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.cardface.CardFaceAp;
import org.uketsuke.reader.jpki.CertificateRead;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.jpki.Signature;

/**
 * What the transcripts record: the driver's operations a reception runs on one card, in one session — identify, read
 * the auth certificate (after the PIN on a smartphone), ask the PIN tries, a wrong then the right PIN, sign, then the
 * card-face AP's steps (照合番号B tries and VERIFY, the face, the presence proof, the expiry). The same sequence
 * records (card-sim, against the virtual card) and replays (here, against the recording).
 */
public final class DriverScenario {

    /** The SHA-256 digest the scenario has signed: of the text {@code uketsuke transcript}. */
    public static final byte[] DIGEST = sha256("uketsuke transcript".getBytes(StandardCharsets.US_ASCII));

    private DriverScenario() {}

    /** Runs the scenario over {@code session}, noting each step's outcome in it. */
    public static void run(RecordingTransport session) {
        JpkiCard jpki = new JpkiCard(session);
        session.outcome("identification", jpki.identification().toString());
        CertificateRead certificate = jpki.readAuthCertificate();
        session.outcome("read-auth-certificate", describe(certificate));
        if (certificate instanceof CertificateRead.PinRequiredFirst) {
            session.outcome("verify-auth-pin", jpki.verifyAuthPin(Secrets.PIN).toString());
            session.outcome("read-auth-certificate", describe(jpki.readAuthCertificate()));
        }
        session.outcome("auth-pin-tries-left", orGone(jpki::authPinTriesLeft));
        session.outcome(
                "verify-auth-pin-wrong", jpki.verifyAuthPin(Secrets.WRONG_PIN).toString());
        session.outcome("verify-auth-pin", jpki.verifyAuthPin(Secrets.PIN).toString());
        session.outcome("sign-with-auth-key", describe(jpki.signWithAuthKey(DIGEST)));

        CardFaceAp face = new CardFaceAp(session);
        session.outcome("collation-tries-left", orGone(face::collationTriesLeft));
        session.outcome(
                "verify-collation-number-b",
                face.verifyCollationNumberB(Secrets.COLLATION_B).toString());
        CardFaceAp.FaceRead read = face.readCardFace();
        session.outcome("read-card-face", describe(read));
        if (read instanceof CardFaceAp.FaceRead.Read(var data)) {
            session.outcome(
                    "presence-proof",
                    face.presenceProof(data.publicKey())
                            .map(proof -> proof.verified() ? "verified" : "not verified")
                            .orElse("card removed"));
        }
        session.outcome("card-expiry", orGone(() -> face.cardExpiry().orElse("none")));
    }

    private static String describe(CertificateRead read) {
        if (read instanceof CertificateRead.Read(X509Certificate certificate, byte[] der)) {
            return "Read[" + der.length + " bytes, subject "
                    + certificate.getSubjectX500Principal().getName() + ", SHA-256 "
                    + HexFormat.of().formatHex(sha256(der)) + "]";
        }
        return read.toString();
    }

    private static String describe(Signature signature) {
        return signature instanceof Signature.Signed signed
                ? "Signed[" + signed.signature().length + " bytes]"
                : signature.toString();
    }

    private static String describe(CardFaceAp.FaceRead read) {
        return read instanceof CardFaceAp.FaceRead.Read(var data)
                ? "Read[birth " + data.birthDate() + ", expiry " + data.expiry() + ", photo " + data.photoJp2().length
                        + " bytes]"
                : read.toString();
    }

    private interface CardStep {
        Object run() throws CardGoneException;
    }

    private static String orGone(CardStep step) {
        try {
            return String.valueOf(step.run());
        } catch (CardGoneException e) {
            return "card gone";
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
