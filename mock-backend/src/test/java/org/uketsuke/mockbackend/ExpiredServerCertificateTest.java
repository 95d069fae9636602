package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.CardConfirmationRequest;
import org.uketsuke.eligibility.Consents;
import org.uketsuke.eligibility.IdentityMethod;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;

/** The "expired server certificate" fault: the terminal refuses the handshake and says so as a TLS failure. */
class ExpiredServerCertificateTest {

    @TempDir
    Path state;

    @Test
    void aBackendStartedWithAnExpiredCertificateIsATlsFailureForTheTerminal() {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(state, 0, 23L, 5, true))) {
            HttpsEligibilityClient client =
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5));
            assertThat(client.nonce()).isInstanceOfSatisfying(Unavailable.class, u -> {
                assertThat(u.reason()).isEqualTo(UnavailableReason.TLS_FAILURE);
                assertThat(u.diagnostic()).contains(CertificateExpiredException.class.getName());
            });
            assertThat(client.confirmByCard(new CardConfirmationRequest(
                            new byte[1], new byte[32], new byte[256], IdentityMethod.PIN, Consents.none(), "x")))
                    .isInstanceOfSatisfying(
                            Unavailable.class, u -> assertThat(u.reason()).isEqualTo(UnavailableReason.TLS_FAILURE));
            assertThat(backend.requests("/oqs/v1/confirm/card"))
                    .as("nothing reached the backend")
                    .isZero();
        }
    }

    @Test
    void theFaultCanBeSwitchedOnAndOffWhileRunning() throws Exception {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(state, 0, 23L, 5))) {
            assertThat(TestCards.nonce(new HttpsEligibilityClient(
                            backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5))))
                    .hasSize(32);
            backend.injectFault(new Fault.ExpiredServerCertificate(), Integer.MAX_VALUE);
            HttpsEligibilityClient during =
                    new HttpsEligibilityClient(backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5));
            assertThat(during.nonce())
                    .isInstanceOfSatisfying(
                            Unavailable.class, u -> assertThat(u.reason()).isEqualTo(UnavailableReason.TLS_FAILURE));
            backend.injectFault(new Fault.None(), 0);
            assertThat(TestCards.nonce(new HttpsEligibilityClient(
                            backend.baseUri(), backend.terminalTls(), Duration.ofSeconds(5))))
                    .hasSize(32);
            assertThat(Fault.parse("expired-certificate")).isEqualTo(new Fault.ExpiredServerCertificate());
        }
    }

    @Test
    void theCommandLineTakesTheFaultAsAFlag() {
        assertThat(MockBackendMain.parse("--expired-server-certificate", "--port", "0")
                        .expiredServerCertificate())
                .isTrue();
        assertThat(MockBackendMain.parse("--port", "0").expiredServerCertificate())
                .isFalse();
    }
}
