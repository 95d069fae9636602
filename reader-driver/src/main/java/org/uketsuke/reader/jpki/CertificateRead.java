package org.uketsuke.reader.jpki;

import java.security.cert.X509Certificate;

/** The outcome of reading a certificate EF. */
public sealed interface CertificateRead {

    /** Read and parsed. {@code der} is the exact file content (header-declared length). */
    record Read(X509Certificate certificate, byte[] der) implements CertificateRead {
        public Read {
            der = der.clone();
        }

        @Override
        public byte[] der() {
            return der.clone();
        }
    }

    /**
     * The file needs the auth PIN verified first (6982): a smartphone token (スマホ用電子証明書). Verify the PIN in the
     * same session, then read again.
     */
    record PinRequiredFirst() implements CertificateRead {}

    /** The card went away during the read. */
    record CardRemoved() implements CertificateRead {}

    /** The card refused a step or returned something that is not a certificate. */
    record Failed(String step, int sw) implements CertificateRead {}
}
