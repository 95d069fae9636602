package org.uketsuke.reader.jpki;

/** Elementary files of the JPKI AP that this driver may touch (docs/spec-notes/card.md#jpki-ap-files). */
public enum JpkiFile {
    /** Token label: which kind of JPKI token this is. */
    TOKEN(0x0006),
    /** Certificate availability (8F 8F 00 = both present). */
    CERTIFICATE_AVAILABILITY(0x0008),
    /** 利用者証明用 (auth) certificate, DER; no PIN on a physical card. */
    AUTH_CERTIFICATE(0x000A),
    /** The auth CA certificate. */
    AUTH_CA_CERTIFICATE(0x000B),
    /** The auth private key: select, then COMPUTE DIGITAL SIGNATURE. */
    AUTH_KEY(0x0017),
    /** The 4-digit auth PIN (3 tries). */
    AUTH_PIN(0x0018);

    private final int fid;

    JpkiFile(int fid) {
        this.fid = fid;
    }

    public int fid() {
        return fid;
    }

    public byte[] fidBytes() {
        return new byte[] {(byte) (fid >> 8), (byte) fid};
    }
}
