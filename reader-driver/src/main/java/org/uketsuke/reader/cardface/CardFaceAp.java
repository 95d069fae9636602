package org.uketsuke.reader.cardface;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.uketsuke.reader.api.Aid;
import org.uketsuke.reader.api.ApduTransport;
import org.uketsuke.reader.api.CardGoneException;
import org.uketsuke.reader.api.CommandApdu;
import org.uketsuke.reader.api.Iso7816;
import org.uketsuke.reader.api.ResponseApdu;
import org.uketsuke.reader.tlv.Tlv;

/**
 * The 券面事項確認AP (card-face AP): the face photo behind 照合番号B, and a presence proof with the application's own
 * key (GET CHALLENGE, then {@code 80 2A 00 00}), plus the card's expiry from the 共通カードAP. Only EF 0002 (card
 * face) and EF 0012 (照合番号B) are touched; the guard refuses the My Number image and its collation key anyway.
 */
public final class CardFaceAp {

    private static final int EF_CARD_FACE = 0x0002;
    private static final int EF_COLLATION_B = 0x0012;
    private static final int MAX_FILE = 32 * 1024;
    private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

    private final ApduTransport card;

    public CardFaceAp(ApduTransport card) {
        this.card = card;
    }

    /** The outcome of VERIFY with 照合番号B. */
    public sealed interface CollationCheck {
        record Verified() implements CollationCheck {}

        record Wrong(int triesLeft) implements CollationCheck {}

        record Blocked() implements CollationCheck {}

        record CardRemoved() implements CollationCheck {}

        record Failed(String step, int sw) implements CollationCheck {}
    }

    /** The outcome of reading the card face. */
    public sealed interface FaceRead {
        record Read(CardFaceData data) implements FaceRead {}

        /** 照合番号B has not been verified in this session (6982). */
        record Locked() implements FaceRead {}

        record CardRemoved() implements FaceRead {}

        record Failed(String step, int sw) implements FaceRead {}
    }

    /** Tries left on 照合番号B, asked without spending one. */
    public int collationTriesLeft() throws CardGoneException {
        if (!select(Aid.CARD_FACE) || !selectEf(EF_COLLATION_B)) {
            return 0;
        }
        int sw = card.transmit(CommandApdu.of(0x00, Iso7816.INS_VERIFY, 0x00, 0x80))
                .sw();
        return Iso7816.triesLeftStatus(sw) ? sw & 0x0F : sw == Iso7816.SW_OK ? 1 : 0;
    }

    /** VERIFY 照合番号B (14 digits: era birth date YYMMDD + expiry year + security code). Never retried here. */
    public CollationCheck verifyCollationNumberB(String fourteenDigits) {
        if (fourteenDigits == null || !fourteenDigits.matches("\\d{14}")) {
            return new CollationCheck.Failed("format", 0);
        }
        try {
            if (!select(Aid.CARD_FACE) || !selectEf(EF_COLLATION_B)) {
                return new CollationCheck.Failed("select", 0);
            }
            int sw = card.transmit(CommandApdu.of(
                            0x00, Iso7816.INS_VERIFY, 0x00, 0x80, fourteenDigits.getBytes(StandardCharsets.US_ASCII)))
                    .sw();
            if (sw == Iso7816.SW_OK) {
                return new CollationCheck.Verified();
            }
            if (Iso7816.triesLeftStatus(sw)) {
                return (sw & 0x0F) == 0 ? new CollationCheck.Blocked() : new CollationCheck.Wrong(sw & 0x0F);
            }
            if (sw == Iso7816.SW_REFERENCE_DATA_BLOCKED || sw == Iso7816.SW_AUTH_METHOD_BLOCKED) {
                return new CollationCheck.Blocked();
            }
            return new CollationCheck.Failed("verify", sw);
        } catch (CardGoneException e) {
            return new CollationCheck.CardRemoved();
        }
    }

    /** Reads EF 0002 (after 照合番号B) and keeps only what the reception needs. */
    public FaceRead readCardFace() {
        try {
            if (!select(Aid.CARD_FACE) || !selectEf(EF_CARD_FACE)) {
                return new FaceRead.Failed("select", 0);
            }
            ResponseApdu first = card.transmit(CommandApdu.of(0x00, Iso7816.INS_READ_BINARY, 0, 0, 256));
            if (first.sw() == Iso7816.SW_SECURITY_NOT_SATISFIED) {
                return new FaceRead.Locked();
            }
            if (!first.ok() && first.sw() != Iso7816.SW_END_OF_FILE_WARNING) {
                return new FaceRead.Failed("read", first.sw());
            }
            int total = Tlv.totalLength(first.data());
            if (total <= 0 || total > MAX_FILE) {
                return new FaceRead.Failed("ber-header", first.sw());
            }
            ByteArrayOutputStream file = new ByteArrayOutputStream(total);
            file.writeBytes(first.data());
            while (file.size() < total) {
                int offset = file.size();
                ResponseApdu next = card.transmit(CommandApdu.of(
                        0x00,
                        Iso7816.INS_READ_BINARY,
                        (offset >> 8) & 0x7F,
                        offset & 0xFF,
                        Math.min(256, total - offset)));
                if ((!next.ok() && next.sw() != Iso7816.SW_END_OF_FILE_WARNING) || next.data().length == 0) {
                    return new FaceRead.Failed("read-at-" + offset, next.sw());
                }
                file.writeBytes(next.data());
            }
            byte[] bytes = Arrays.copyOf(file.toByteArray(), total);
            Tlv outer = Tlv.parseAll(bytes).getFirst();
            if (outer.tag() != 0xFF20) {
                return new FaceRead.Failed("outer-tag", 0);
            }
            return new FaceRead.Read(new CardFaceData(
                    text(outer, 0xDF22),
                    text(outer, 0xDF23),
                    value(outer, 0xDF24),
                    value(outer, 0xDF27),
                    value(outer, 0xDF28),
                    text(outer, 0xDF29)));
        } catch (CardGoneException e) {
            return new FaceRead.CardRemoved();
        } catch (IllegalArgumentException e) {
            return new FaceRead.Failed("ber: " + e.getMessage(), 0);
        }
    }

    /**
     * Proves the genuine chip is on the reader: a fresh challenge signed by the card-face AP's own key must verify
     * with the public key from the (signed) card face. A copied certificate alone cannot pass this.
     */
    public Optional<Boolean> provePresence(byte[] publicKeyDer) {
        return presenceProof(publicKeyDer).map(PresenceProof::verified);
    }

    /**
     * The card-presence proof itself (GET CHALLENGE, then the card-face AP key's signature over it), for the terminal's
     * attestation; {@code verified} says whether it verified with the card face's public key. Empty: card removed.
     */
    public Optional<PresenceProof> presenceProof(byte[] publicKeyDer) {
        try {
            if (!select(Aid.CARD_FACE)) {
                return Optional.of(PresenceProof.failed());
            }
            ResponseApdu challenge = card.transmit(CommandApdu.of(0x00, Iso7816.INS_GET_CHALLENGE, 0, 0, 16));
            if (!challenge.ok() || challenge.data().length != 16) {
                return Optional.of(PresenceProof.failed());
            }
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(challenge.data());
            byte[] digestInfo = Arrays.copyOf(SHA256_DIGEST_INFO, SHA256_DIGEST_INFO.length + 32);
            System.arraycopy(digest, 0, digestInfo, SHA256_DIGEST_INFO.length, 32);
            ResponseApdu signed =
                    card.transmit(new CommandApdu(0x80, Iso7816.INS_COMPUTE_SIGNATURE, 0x00, 0x00, digestInfo, 256));
            if (!signed.ok()) {
                return Optional.of(PresenceProof.failed());
            }
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(publicKeyDer));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update(challenge.data());
            return Optional.of(new PresenceProof(challenge.data(), signed.data(), rsa.verify(signed.data())));
        } catch (CardGoneException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            return Optional.of(PresenceProof.failed());
        }
    }

    /** The outcome of asking the card-face AP's own key to sign a digest. */
    public sealed interface DigestSignature {
        record Signed(byte[] signature) implements DigestSignature {
            public Signed {
                signature = signature.clone();
            }

            @Override
            public byte[] signature() {
                return signature.clone();
            }
        }

        record CardRemoved() implements DigestSignature {}

        record Failed(int sw) implements DigestSignature {}
    }

    /**
     * The card-face AP key's signature ({@code 80 2A 00 00}, P2 00 = the application's own key) over the SHA-256
     * DigestInfo of {@code sha256}: how the backend's challenge (the confirmation statement's digest) is answered. No
     * credential is needed; the backend verifies it with DF24 of the issuer-signed card face.
     */
    public DigestSignature signDigest(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest is 32 bytes");
        }
        try {
            if (!select(Aid.CARD_FACE)) {
                return new DigestSignature.Failed(0);
            }
            byte[] digestInfo = Arrays.copyOf(SHA256_DIGEST_INFO, SHA256_DIGEST_INFO.length + 32);
            System.arraycopy(sha256, 0, digestInfo, SHA256_DIGEST_INFO.length, 32);
            ResponseApdu signed =
                    card.transmit(new CommandApdu(0x80, Iso7816.INS_COMPUTE_SIGNATURE, 0x00, 0x00, digestInfo, 256));
            return signed.ok() ? new DigestSignature.Signed(signed.data()) : new DigestSignature.Failed(signed.sw());
        } catch (CardGoneException e) {
            return new DigestSignature.CardRemoved();
        }
    }

    /** A card challenge and the card-face AP key's signature over it. */
    public record PresenceProof(byte[] challenge, byte[] signature, boolean verified) {

        public PresenceProof {
            challenge = challenge.clone();
            signature = signature.clone();
        }

        static PresenceProof failed() {
            return new PresenceProof(new byte[0], new byte[0], false);
        }

        /** SHA-256 over challenge ‖ signature: what the attestation carries. */
        public byte[] sha256() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(challenge);
                sha.update(signature);
                return sha.digest();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public byte[] challenge() {
            return challenge.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }

    /** The card's expiry (YYYYMMDD) from the 共通カードAP record, readable with no credential. */
    public Optional<String> cardExpiry() throws CardGoneException {
        if (!select(Aid.COMMON_CARD) || !selectEf(0x0001)) {
            return Optional.empty();
        }
        ResponseApdu record = card.transmit(CommandApdu.of(0x00, Iso7816.INS_READ_RECORD, 0x01, 0x04, 256));
        if (!record.ok() || record.data().length < 28) {
            return Optional.empty();
        }
        return Optional.of(new String(record.data(), 20, 8, StandardCharsets.US_ASCII));
    }

    private boolean select(Aid aid) throws CardGoneException {
        return card.transmit(CommandApdu.of(0x00, Iso7816.INS_SELECT, Iso7816.P1_SELECT_BY_NAME, 0x0C, aid.bytes()))
                .ok();
    }

    private boolean selectEf(int fid) throws CardGoneException {
        return card.transmit(CommandApdu.of(
                        0x00, Iso7816.INS_SELECT, Iso7816.P1_SELECT_EF, 0x0C, new byte[] {(byte) (fid >> 8), (byte) fid
                        }))
                .ok();
    }

    private static byte[] value(Tlv outer, int tag) {
        return outer.child(tag).map(Tlv::value).orElse(new byte[0]);
    }

    private static String text(Tlv outer, int tag) {
        return new String(value(outer, tag), StandardCharsets.US_ASCII);
    }
}
