package org.uketsuke.reader.jpki;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.uketsuke.fuzz.FuzzReport;
import org.uketsuke.fuzz.Fuzzer;
import org.uketsuke.reader.TestCards;
import org.uketsuke.reader.sim.CardPersonalisation;
import org.uketsuke.reader.sim.MyNumberCardSimulator;
import org.uketsuke.reader.sim.VirtualCardTransport;

/**
 * A card whose auth certificate EF holds arbitrary bytes, read by the real driver through the virtual card: the
 * result is always a {@link CertificateRead} (never an exception), and a certificate that parses answers the
 * questions the app asks of it (issuer, subject, validity, key).
 */
class CertificateReadFuzzTest {

    @Test
    void theCertificatePathReturnsATypedOutcomeForAnyFileContent() {
        CardPersonalisation real = TestCards.personalisation();
        FuzzReport report = Fuzzer.target("CardCertificate")
                .maxLength(8 * 1024 + 64)
                .dictionary(
                        new byte[] {0x30, (byte) 0x82},
                        new byte[] {0x30, (byte) 0x81},
                        new byte[] {0x30, (byte) 0x83},
                        new byte[] {0x06, 0x03, 0x55, 0x1D, 0x0F},
                        new byte[] {0x06, 0x09, 0x2A, (byte) 0x86, 0x48},
                        new byte[] {0x17, 0x0D},
                        new byte[] {0x18, 0x0F},
                        new byte[] {0x02, 0x01, 0x00},
                        new byte[] {0x05, 0x00},
                        new byte[] {(byte) 0xA0, 0x03, 0x02, 0x01, 0x02},
                        new byte[] {0x03, (byte) 0x82, 0x01, 0x01, 0x00})
                .run(bytes -> {
                    // As the card holds it, and with the outer length fixed up so that mutants reach the X.509 parser.
                    return read(real, bytes) + " / " + read(real, consistentHeader(bytes));
                });
        assertThat(report.totalInputs()).isGreaterThan(report.corpusInputs());
    }

    private static String read(CardPersonalisation real, byte[] bytes) {
        MyNumberCardSimulator card = new MyNumberCardSimulator(
                new CardPersonalisation(bytes, real.authCaCertDer(), real.authKey(), TestCards.PIN));
        CertificateRead read = new JpkiCard(VirtualCardTransport.open(card)).readAuthCertificate();
        if (read instanceof CertificateRead.Read ok) {
            X509Certificate certificate = ok.certificate();
            certificate.getIssuerX500Principal().getName();
            certificate.getSubjectX500Principal().getName();
            certificate.getNotAfter();
            certificate.getPublicKey();
            certificate.getKeyUsage();
            return "read";
        }
        return read instanceof CertificateRead.Failed failed
                ? "failed " + failed.step().replaceAll("\\d+", "#")
                : read.getClass().getSimpleName();
    }

    /** {@code 30 82 LL LL …} with LL LL set to what follows, when the input starts like a certificate. */
    private static byte[] consistentHeader(byte[] bytes) {
        if (bytes.length < 4 || bytes[0] != 0x30 || bytes[1] != (byte) 0x82 || bytes.length - 4 > 0xFFFF) {
            return bytes;
        }
        byte[] fixed = bytes.clone();
        fixed[2] = (byte) ((bytes.length - 4) >> 8);
        fixed[3] = (byte) (bytes.length - 4);
        return fixed;
    }
}
