package org.uketsuke.tools.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.uketsuke.reader.api.ApduStats;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.jpki.CertificateRead;
import org.uketsuke.reader.jpki.JpkiCard;
import org.uketsuke.reader.jpki.PinCheck;
import org.uketsuke.reader.jpki.Signature;
import org.uketsuke.reader.jpki.TokenKind;
import org.uketsuke.reader.pcsc.CardServiceUnavailableException;
import org.uketsuke.reader.pcsc.PcscReaders;

/**
 * The card's part of a PIN visit with nothing around it, for the floor of the steps a visit must take (issue #23): a
 * session opened through pcscd + vpcd, then what the visit asks of the card — identify, the auth certificate (the
 * product's auto mode), the PIN's tries left, VERIFY, one RSA signature over a SHA-256 digest — by the reader driver's
 * own calls in one exchange on the session's thread, as {@code ReadCardStep}, {@code VerifyPinStep} and
 * {@code SignNonceStep} make them, but without the visit's steps, events and hand-offs between them.
 */
final class CardDialogue {

    /** Each dialogue's time in the order taken, and the APDUs one dialogue made. */
    record Timed(long[] nanos, long apdus) {}

    private CardDialogue() {}

    static Timed measure(PcscReaders readers, String reader, String pin, int runs)
            throws CardGoneException, CardServiceUnavailableException {
        byte[] digest = sha256("a statement to sign");
        long[] nanos = new long[runs];
        long apdus = 0;
        for (int i = -10; i < runs; i++) {
            long start = System.nanoTime();
            try (ApduStats session = new ApduStats(readers.connect(reader))) {
                JpkiCard card = new JpkiCard(session, JpkiCard.ReadMode.AUTO);
                String failed = session.exchange(() -> once(card, pin, digest));
                if (!failed.isEmpty()) {
                    throw new IllegalStateException("bench card dialogue failed: " + failed);
                }
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - start; // the session's reset on close is not the visit's either
                    apdus = session.commands();
                }
            }
        }
        return new Timed(nanos, apdus);
    }

    /** One dialogue; empty when every step went as a PIN visit's does, else the step that did not. */
    private static String once(JpkiCard card, String pin, byte[] digest) throws CardGoneException {
        if (card.identify() == TokenKind.NOT_JPKI) {
            return "identify";
        }
        if (!(card.readAuthCertificate() instanceof CertificateRead.Read)) {
            return "certificate";
        }
        if (card.authPinTriesLeft() <= 0) {
            return "tries left";
        }
        if (!(card.verifyAuthPin(pin) instanceof PinCheck.Verified)) {
            return "verify";
        }
        return card.signWithAuthKey(digest) instanceof Signature.Signed ? "" : "signature";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is in every JDK", e);
        }
    }
}
