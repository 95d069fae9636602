package org.uketsuke.reader.cardface;

/**
 * What the card-face AP's EF 0002 holds that the reception needs (docs/spec-notes/card.md#card-face-ap): birth
 * date (DF22, YYYYMMDD), sex (DF23), the application's public key (DF24, X.509 SubjectPublicKeyInfo in our simulator —
 * the real encoding is unconfirmed), the face photo (DF27, greyscale JPEG 2000), the issuer's signature (DF28) and
 * the card's expiry (DF29, YYYYMMDD). The name and address images are deliberately not kept.
 */
public record CardFaceData(
        String birthDate, String sex, byte[] publicKey, byte[] photoJp2, byte[] issuerSignature, String expiry) {

    public CardFaceData {
        publicKey = publicKey.clone();
        photoJp2 = photoJp2.clone();
        issuerSignature = issuerSignature.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] photoJp2() {
        return photoJp2.clone();
    }

    @Override
    public byte[] issuerSignature() {
        return issuerSignature.clone();
    }

    @Override
    public String toString() {
        return "CardFaceData[****]";
    }
}
