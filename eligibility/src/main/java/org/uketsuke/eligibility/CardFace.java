package org.uketsuke.eligibility;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The issuer-signed card face of the 券面事項確認AP as the backend needs it (docs/spec-notes/card.md#what-the-issuer-signs):
 * birth date (DF22, YYYYMMDD), sex code (DF23), the application's public key (DF24, X.509 SubjectPublicKeyInfo), the
 * SHA-256 of the face photo (DF27 — the photo itself never leaves the terminal), the expiry (DF29, YYYYMMDD) and the
 * issuer's signature (DF28) over {@link #signedBytes()}. No name, address or My Number.
 */
public record CardFace(
        String birthDate, String sex, byte[] publicKey, byte[] photoSha256, String expiry, byte[] issuerSignature) {

    private static final Pattern EIGHT_DIGITS = Pattern.compile("\\d{8}");
    private static final Pattern ONE_DIGIT = Pattern.compile("[0-9]");

    static final String PREFIX = "UKETSUKE-CARD-FACE-1";
    private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

    public CardFace {
        if (birthDate == null
                || !EIGHT_DIGITS.matcher(birthDate).matches()
                || expiry == null
                || !EIGHT_DIGITS.matcher(expiry).matches()) {
            throw new InvalidValueException("CardFace", "birth date and expiry are YYYYMMDD");
        }
        if (sex == null || !ONE_DIGIT.matcher(sex).matches()) {
            throw new InvalidValueException("CardFace", "sex is one digit");
        }
        publicKey = Objects.requireNonNull(publicKey, "publicKey").clone();
        photoSha256 = Objects.requireNonNull(photoSha256, "photoSha256").clone();
        issuerSignature =
                Objects.requireNonNull(issuerSignature, "issuerSignature").clone();
        if (photoSha256.length != 32) {
            throw new InvalidValueException("CardFace", "photo hash is 32 bytes");
        }
    }

    /** The card face as read from the chip, the photo reduced to its hash. */
    public static CardFace of(
            String birthDate, String sex, byte[] publicKey, byte[] photo, String expiry, byte[] issuerSignature) {
        return new CardFace(
                birthDate, sex, publicKey, ConfirmationStatement.Digest.sha256(photo), expiry, issuerSignature);
    }

    /** The bytes DF28 signs: UTF-8 of {@code UKETSUKE-CARD-FACE-1|DF22|DF23|DF24 base64|SHA-256(DF27) hex|DF29}. */
    public byte[] signedBytes() {
        return signedBytes(birthDate, sex, publicKey, photoSha256, expiry);
    }

    /** What an issuer signs for a card face (the test issuer personalising a virtual card). */
    public static byte[] signedBytes(
            String birthDate, String sex, byte[] publicKey, byte[] photoSha256, String expiry) {
        return String.join(
                        "|",
                        PREFIX,
                        birthDate,
                        sex,
                        Base64.getEncoder().encodeToString(publicKey),
                        HexFormat.of().formatHex(photoSha256),
                        expiry)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** SHA-256 of the signed card face and its signature: names this card face in an attestation. */
    public byte[] sha256() {
        byte[] signed = signedBytes();
        byte[] all = Arrays.copyOf(signed, signed.length + issuerSignature.length);
        System.arraycopy(issuerSignature, 0, all, signed.length, issuerSignature.length);
        return ConfirmationStatement.Digest.sha256(all);
    }

    /** True when DF28 is the signature of {@code issuer} (SHA256withRSA) over {@link #signedBytes()}. */
    public boolean issuedBy(PublicKey issuer) {
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(issuer);
            rsa.update(signedBytes());
            return rsa.verify(issuerSignature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** True when the photo is the one the issuer signed (its hash; the signature itself by {@link #issuedBy}). */
    public boolean showsPhoto(byte[] photo) {
        return Arrays.equals(photoSha256, ConfirmationStatement.Digest.sha256(photo));
    }

    /**
     * True when {@code signature} is the card-face AP key's (DF24) PKCS#1 v1.5 signature over the SHA-256 DigestInfo of
     * {@code digest}: what {@code 80 2A 00 00} answers for that DigestInfo.
     */
    public boolean signedByCard(byte[] digest, byte[] signature) {
        return verifyDigest(publicKey, digest, signature);
    }

    /** A PKCS#1 v1.5 RSA signature over the SHA-256 DigestInfo of a given digest, with a DER public key. */
    public static boolean verifyDigest(byte[] publicKeyDer, byte[] digest, byte[] signature) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(publicKeyDer));
            return verifyDigest(key, digest, signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** As {@link #verifyDigest(byte[], byte[], byte[])} with a key object (the auth certificate's). */
    public static boolean verifyDigest(PublicKey key, byte[] digest, byte[] signature) {
        if (digest.length != 32) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("NONEwithRSA");
            rsa.initVerify(key);
            rsa.update(SHA256_DIGEST_INFO);
            rsa.update(digest);
            return rsa.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The wire text (our own format): the signed bytes' fields, then the signature in base64. */
    public String text() {
        return new String(signedBytes(), StandardCharsets.UTF_8) + "|"
                + Base64.getEncoder().encodeToString(issuerSignature);
    }

    public static CardFace parse(String text) {
        String[] parts = text.split("\\|", -1);
        if (parts.length != 7 || !parts[0].equals(PREFIX)) {
            throw new InvalidValueException("CardFace", "not a version-1 card face");
        }
        try {
            return new CardFace(
                    parts[1],
                    parts[2],
                    Base64.getDecoder().decode(parts[3]),
                    HexFormat.of().parseHex(parts[4]),
                    parts[5],
                    Base64.getDecoder().decode(parts[6]));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("CardFace", Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] photoSha256() {
        return photoSha256.clone();
    }

    @Override
    public byte[] issuerSignature() {
        return issuerSignature.clone();
    }

    @Override
    public String toString() {
        return "CardFace[****]";
    }
}
