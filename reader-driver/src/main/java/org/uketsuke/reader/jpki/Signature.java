package org.uketsuke.reader.jpki;

/** The outcome of COMPUTE DIGITAL SIGNATURE with the auth key. */
public sealed interface Signature {

    /** RSA-2048 PKCS#1 v1.5 signature over the SHA-256 DigestInfo that was sent (256 bytes). */
    record Signed(byte[] signature) implements Signature {
        public Signed {
            signature = signature.clone();
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }
    }

    /** The auth PIN has not been verified in this card session (6982). */
    record PinRequired() implements Signature {}

    /** The card went away. */
    record CardRemoved() implements Signature {}

    /** Unexpected status word. */
    record Failed(String step, int sw) implements Signature {}
}
