package org.uketsuke.mockbackend;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Small certificate helpers the services share. */
final class Certificates {

    private Certificates() {}

    static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a certificate", e);
        }
    }

    static String serialOf(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16);
    }

    /**
     * The medical institution a request is from: the CN of its terminal certificate (the backend trusts the
     * certificate, not the header), or the header's code when there is no TLS session (in-process calls).
     */
    static String institutionOf(X509Certificate terminal, String headerCode) {
        if (terminal != null) {
            for (RDN rdn : new X500Name(terminal.getSubjectX500Principal().getName()).getRDNs(BCStyle.CN)) {
                return rdn.getFirst().getValue().toString();
            }
        }
        return headerCode == null ? "" : headerCode;
    }

    static X509Certificate terminalCertificateOf(KeyStore keys) throws GeneralSecurityException {
        for (String alias : Collections.list(keys.aliases())) {
            if (keys.isKeyEntry(alias)) {
                return (X509Certificate) keys.getCertificate(alias);
            }
        }
        throw new GeneralSecurityException("no key entry");
    }
}
