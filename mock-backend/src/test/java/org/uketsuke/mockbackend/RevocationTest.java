package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.SignatureException;
import java.security.cert.CRLReason;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collections;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.ConfirmationOutcome;
import org.uketsuke.eligibility.RejectionReason;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.HttpsEligibilityClient.CertificateAuthority;
import org.uketsuke.eligibility.client.TlsMaterial;

/**
 * CRLs and the OCSP responder over real HTTPS with mTLS through the production client, checked with BouncyCastle
 * and the JDK as a relying party would; and the backend's own checks reading the same register.
 */
class RevocationTest {

    @TempDir
    static Path state;

    private static MockBackend backend;
    private static HttpsEligibilityClient client;

    @BeforeAll
    static void start() {
        backend = MockBackend.start(new MockBackendConfig(state, 0, 11L, 30));
        client = new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @Test
    void theCrlListsTheRevokedCardWithItsReasonAndVerifiesAgainstTheJpkiCa() throws Exception {
        IssuedCard lost = backend.issueCard(3);
        IssuedCard kept = backend.issueCard(4);
        backend.revoke(lost);

        X509CRL crl = crl(TestCards.der(client.revocationList(CertificateAuthority.JPKI)));
        crl.verify(backend.jpkiCaCertificate().getPublicKey());
        assertThat(crl.getIssuerX500Principal())
                .isEqualTo(backend.jpkiCaCertificate().getSubjectX500Principal());
        assertThat(crl.getNextUpdate()).isAfter(crl.getThisUpdate());
        assertThat(crl.isRevoked(certificate(lost.authCertDer()))).isTrue();
        assertThat(crl.isRevoked(certificate(kept.authCertDer()))).isFalse();
        X509CRLEntry entry = crl.getRevokedCertificate(certificate(lost.authCertDer()));
        assertThat(entry.getRevocationReason()).isEqualTo(CRLReason.KEY_COMPROMISE);

        assertThat(TestCards.reason(TestCards.confirmWithPin(client, lost)))
                .isEqualTo(RejectionReason.CERTIFICATE_REVOKED);
        assertThat(TestCards.confirmWithPin(client, kept)).isInstanceOf(ConfirmationOutcome.Confirmed.class);
    }

    @Test
    void aCrlSignedByTheTerminalCaDoesNotVerifyAgainstTheJpkiCa() throws Exception {
        X509CRL terminalCrl = crl(TestCards.der(client.revocationList(CertificateAuthority.TERMINAL)));
        terminalCrl.verify(backend.terminalCaCertificate().getPublicKey());
        assertThatThrownBy(() -> terminalCrl.verify(backend.jpkiCaCertificate().getPublicKey()))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void ocspSaysRevokedGoodOrUnknownForTheRightSerialsAndEchoesTheNonce() throws Exception {
        IssuedCard lost = backend.issueCard(6);
        IssuedCard kept = backend.issueCard(7);
        backend.revoke(lost);
        X509Certificate ca = backend.jpkiCaCertificate();
        var digests = new JcaDigestCalculatorProviderBuilder().build();
        var caHolder = new JcaX509CertificateHolder(ca);
        CertificateID revokedId = new CertificateID(
                digests.get(CertificateID.HASH_SHA1),
                caHolder,
                certificate(lost.authCertDer()).getSerialNumber());
        CertificateID goodId = new CertificateID(
                digests.get(CertificateID.HASH_SHA1),
                caHolder,
                certificate(kept.authCertDer()).getSerialNumber());
        CertificateID neverIssued = new CertificateID(
                digests.get(CertificateID.HASH_SHA1), caHolder, new BigInteger("123456789abcdef", 16));
        byte[] nonce = new byte[16];
        new SecureRandom().nextBytes(nonce);
        byte[] request = new OCSPReqBuilder()
                .addRequest(revokedId)
                .addRequest(goodId)
                .addRequest(neverIssued)
                .setRequestExtensions(new Extensions(
                        new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(nonce))))
                .build()
                .getEncoded();

        OCSPResp answer = new OCSPResp(TestCards.der(client.ocsp(request)));
        assertThat(answer.getStatus()).isEqualTo(OCSPResp.SUCCESSFUL);
        BasicOCSPResp basic = (BasicOCSPResp) answer.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(ca.getPublicKey())))
                .as("signed by the JPKI CA itself")
                .isTrue();
        assertThat(basic.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce)
                        .getExtnValue()
                        .getOctets())
                .isEqualTo(new DEROctetString(nonce).getOctets());
        SingleResp[] responses = basic.getResponses();
        assertThat(responses).hasSize(3);
        assertThat(responses[0].getCertID()).isEqualTo(revokedId);
        assertThat(responses[0].getCertStatus()).isInstanceOfSatisfying(RevokedStatus.class, r -> {
            assertThat(r.hasRevocationReason()).isTrue();
            assertThat(r.getRevocationReason()).isEqualTo(org.bouncycastle.asn1.x509.CRLReason.keyCompromise);
        });
        assertThat(responses[1].getCertID()).isEqualTo(goodId);
        assertThat(responses[1].getCertStatus()).isEqualTo(CertificateStatus.GOOD);
        assertThat(responses[2].getCertStatus()).isInstanceOf(UnknownStatus.class);
        assertThat(responses[0].getNextUpdate()).isAfter(responses[0].getThisUpdate());
    }

    @Test
    void aCertificateOfAnotherCaIsUnknownToTheResponder() throws Exception {
        try (MockBackend other = MockBackend.start(new MockBackendConfig(state.resolve("other"), 0, 11L, 3))) {
            IssuedCard foreign = other.issueCard(0);
            var digests = new JcaDigestCalculatorProviderBuilder().build();
            CertificateID id = new CertificateID(
                    digests.get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(other.jpkiCaCertificate()),
                    certificate(foreign.authCertDer()).getSerialNumber());
            OCSPResp answer = new OCSPResp(TestCards.der(
                    client.ocsp(new OCSPReqBuilder().addRequest(id).build().getEncoded())));
            assertThat(((BasicOCSPResp) answer.getResponseObject()).getResponses()[0].getCertStatus())
                    .isInstanceOf(UnknownStatus.class);
        }
    }

    @Test
    void aRequestThatIsNotOcspGetsMalformedRequest() throws Exception {
        OCSPResp answer =
                new OCSPResp(TestCards.der(client.ocsp("not DER at all".getBytes(StandardCharsets.US_ASCII))));
        assertThat(answer.getStatus()).isEqualTo(OCSPResp.MALFORMED_REQUEST);
    }

    @Test
    void aRevokedTerminalCertificateIsRefusedInTheTlsHandshake() throws Exception {
        TlsMaterial clinic = backend.issueTerminal("1319876543");
        HttpsEligibilityClient before = new HttpsEligibilityClient(backend.baseUri(), clinic, Duration.ofSeconds(5));
        assertThat(TestCards.nonce(before)).hasSize(32);

        backend.revokeTerminal(clinic);
        X509CRL terminalCrl = crl(TestCards.der(client.revocationList(CertificateAuthority.TERMINAL)));
        X509Certificate clinicCertificate = (X509Certificate) clinic.keyStore()
                .getCertificate(Collections.list(clinic.keyStore().aliases()).getFirst());
        assertThat(terminalCrl.isRevoked(clinicCertificate)).isTrue();
        var digests = new JcaDigestCalculatorProviderBuilder().build();
        OCSPResp ocsp = new OCSPResp(TestCards.der(client.ocsp(new OCSPReqBuilder()
                .addRequest(new CertificateID(
                        digests.get(CertificateID.HASH_SHA1),
                        new JcaX509CertificateHolder(backend.terminalCaCertificate()),
                        clinicCertificate.getSerialNumber()))
                .build()
                .getEncoded())));
        BasicOCSPResp basic = (BasicOCSPResp) ocsp.getResponseObject();
        assertThat(basic.isSignatureValid(new JcaContentVerifierProviderBuilder()
                        .build(backend.terminalCaCertificate().getPublicKey())))
                .as("answered and signed by the terminal CA")
                .isTrue();
        assertThat(basic.getResponses()[0].getCertStatus()).isInstanceOf(RevokedStatus.class);

        HttpsEligibilityClient after = new HttpsEligibilityClient(backend.baseUri(), clinic, Duration.ofSeconds(5));
        assertThat(after.nonce())
                .isInstanceOfSatisfying(
                        Unavailable.class,
                        u -> assertThat(u.reason()).as(u.diagnostic()).isEqualTo(UnavailableReason.TLS_FAILURE));
        assertThat(after.confirmByCard(TestCards.pinRequest(client, backend.issueCard(8))))
                .isInstanceOfSatisfying(
                        Unavailable.class, u -> assertThat(u.reason()).isEqualTo(UnavailableReason.TLS_FAILURE));
        assertThat(TestCards.nonce(client))
                .as("the other terminals are not affected")
                .hasSize(32);
    }

    @Test
    void anExpiredTerminalCertificateIsRefusedInTheTlsHandshake() {
        HttpsEligibilityClient expired = new HttpsEligibilityClient(
                backend.baseUri(), backend.issueExpiredTerminal("1314440001"), Duration.ofSeconds(5));
        assertThat(expired.nonce())
                .isInstanceOfSatisfying(
                        Unavailable.class,
                        u -> assertThat(u.reason()).as(u.diagnostic()).isEqualTo(UnavailableReason.TLS_FAILURE));
    }

    private static X509CRL crl(byte[] der) throws Exception {
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
    }

    private static X509Certificate certificate(byte[] der) throws Exception {
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }
}
