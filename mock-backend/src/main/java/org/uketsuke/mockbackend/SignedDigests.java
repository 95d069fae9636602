package org.uketsuke.mockbackend;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Cipher;

/**
 * The SHA-256 digest an RSA PKCS#1 v1.5 signature was made over, recovered with the signer's public key (RFC 8017
 * §8.2.2 steps 2–3: the public operation, then the DigestInfo of §9.2). A signature that is not a well-formed
 * signature of this key over a SHA-256 DigestInfo recovers nothing. Lets the backend tell a broken signature from a
 * valid signature over other content (consents changed after signing).
 */
final class SignedDigests {

    private static final byte[] SHA256_DIGEST_INFO = HexFormat.of().parseHex("3031300d060960864801650304020105000420");

    /**
     * One cipher per thread, initialised with each call's key: {@code Cipher.getInstance} looks the transformation up
     * in the providers on every call (a few percent of a confirmation's backend CPU).
     */
    private static final ThreadLocal<Cipher> RSA = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("RSA/ECB/PKCS1Padding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks RSA/ECB/PKCS1Padding", e);
        }
    });

    private SignedDigests() {}

    static Optional<byte[]> recover(PublicKey key, byte[] signature) {
        try {
            Cipher rsa = RSA.get();
            rsa.init(Cipher.DECRYPT_MODE, key);
            byte[] digestInfo = rsa.doFinal(signature);
            if (digestInfo.length != SHA256_DIGEST_INFO.length + 32
                    || !Arrays.equals(
                            digestInfo,
                            0,
                            SHA256_DIGEST_INFO.length,
                            SHA256_DIGEST_INFO,
                            0,
                            SHA256_DIGEST_INFO.length)) {
                return Optional.empty();
            }
            return Optional.of(Arrays.copyOfRange(digestInfo, SHA256_DIGEST_INFO.length, digestInfo.length));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
