package org.uketsuke.reader.sim;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import org.uketsuke.reader.tlv.Tlv;

/**
 * The card-face AP's contents for a virtual card: 照合番号B (14 digits, made by the caller from birth date, expiry year
 * and security code), the face photo (greyscale JPEG 2000), birth date and expiry (YYYYMMDD), sex code, the
 * application's own key pair, and the issuer's signature over the face data.
 */
public record CardFacePersonalisation(
        String collationNumberB,
        String birthDate,
        String sex,
        byte[] photoJp2,
        String expiry,
        KeyPair applicationKey,
        byte[] issuerSignature) {

    public CardFacePersonalisation {
        if (collationNumberB == null || !collationNumberB.matches("\\d{14}")) {
            throw new IllegalArgumentException("照合番号B is 14 digits");
        }
        photoJp2 = photoJp2.clone();
        issuerSignature = issuerSignature.clone();
    }

    /** EF 0002 as the card stores it: FF20 { DF21 … DF2A } (name/address images are empty placeholders). */
    byte[] efCardFace() {
        return Tlv.of(
                        0xFF20,
                        List.of(
                                new Tlv(0xDF21, new byte[0]),
                                new Tlv(0xDF22, birthDate.getBytes(StandardCharsets.US_ASCII)),
                                new Tlv(0xDF23, sex.getBytes(StandardCharsets.US_ASCII)),
                                new Tlv(0xDF24, applicationKey.getPublic().getEncoded()),
                                new Tlv(0xDF25, new byte[0]),
                                new Tlv(0xDF26, new byte[0]),
                                new Tlv(0xDF27, photoJp2),
                                new Tlv(0xDF28, issuerSignature),
                                new Tlv(0xDF29, expiry.getBytes(StandardCharsets.US_ASCII)),
                                new Tlv(0xDF2A, new byte[0])))
                .encode();
    }

    @Override
    public String toString() {
        return "CardFacePersonalisation[****]";
    }
}
