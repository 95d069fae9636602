package org.uketsuke.mockbackend;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/** Small certificate helpers the services share. */
final class Certificates {

    /** Terminal certificates seen at most: their CN is kept ({@link #institutionOf}); a fuller cache starts over. */
    static final int INSTITUTIONS_KEPT = 1024;

    /**
     * The CN of each terminal certificate seen, by the certificate (equal by its encoding): a pure function of the
     * certificate, which was formatted and parsed again on every request (a few percent of a confirmation's CPU).
     */
    private static final Map<X509Certificate, Optional<String>> INSTITUTIONS = new ConcurrentHashMap<>();

    /** The X.509 factory, looked up once per thread rather than in the providers on every request. */
    private static final ThreadLocal<CertificateFactory> X509 = ThreadLocal.withInitial(() -> {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks an X.509 certificate factory", e);
        }
    });

    private Certificates() {}

    static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) X509.get().generateCertificate(new ByteArrayInputStream(der));
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
            Optional<String> cn = INSTITUTIONS.get(terminal);
            if (cn == null) {
                cn = commonName(terminal);
                if (INSTITUTIONS.size() >= INSTITUTIONS_KEPT) {
                    INSTITUTIONS.clear();
                }
                INSTITUTIONS.put(terminal, cn);
            }
            if (cn.isPresent()) {
                return cn.get();
            }
        }
        return headerCode == null ? "" : headerCode;
    }

    /** The subject's first CN, if it has one. */
    private static Optional<String> commonName(X509Certificate certificate) {
        for (RDN rdn : new X500Name(certificate.getSubjectX500Principal().getName()).getRDNs(BCStyle.CN)) {
            return Optional.of(rdn.getFirst().getValue().toString());
        }
        return Optional.empty();
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
