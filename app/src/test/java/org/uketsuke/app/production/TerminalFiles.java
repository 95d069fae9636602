package org.uketsuke.app.production;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;
import org.uketsuke.eligibility.client.TlsMaterial;

/** A terminal's TLS identity written out as the files an installer puts in /etc/uketsuke (PEM and PKCS#12). */
public record TerminalFiles(Path key, Path certificate, Path pkcs12, Path trustedCas) {

    public static final String PKCS12_PASSWORD = "p12-secret";

    public static TerminalFiles write(TlsMaterial tls, Path dir) throws Exception {
        KeyStore keys = tls.keyStore();
        String alias = Collections.list(keys.aliases()).stream()
                .filter(a -> {
                    try {
                        return keys.isKeyEntry(a);
                    } catch (Exception e) {
                        return false;
                    }
                })
                .findFirst()
                .orElseThrow();
        Key key = keys.getKey(alias, tls.keyPassword());
        StringBuilder chain = new StringBuilder();
        for (Certificate c : keys.getCertificateChain(alias)) {
            chain.append(pem("CERTIFICATE", c.getEncoded()));
        }
        StringBuilder cas = new StringBuilder();
        for (String a : Collections.list(tls.trustStore().aliases())) {
            cas.append(pem("CERTIFICATE", tls.trustStore().getCertificate(a).getEncoded()));
        }
        TerminalFiles files = new TerminalFiles(
                dir.resolve("terminal.key"),
                dir.resolve("terminal.crt"),
                dir.resolve("terminal.p12"),
                dir.resolve("server-ca.pem"));
        Files.writeString(files.key(), pem("PRIVATE KEY", key.getEncoded()));
        Files.writeString(files.certificate(), chain);
        Files.writeString(files.trustedCas(), cas);
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setKeyEntry("terminal", key, PKCS12_PASSWORD.toCharArray(), keys.getCertificateChain(alias));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p12.store(out, PKCS12_PASSWORD.toCharArray());
        Files.write(files.pkcs12(), out.toByteArray());
        // As an installer leaves them: the private key files readable by the terminal's user only.
        if (Files.getFileAttributeView(files.key(), PosixFileAttributeView.class) != null) {
            Files.setPosixFilePermissions(files.key(), PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(files.pkcs12(), PosixFilePermissions.fromString("rw-------"));
        }
        return files;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
