package org.uketsuke.eligibility.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;

/**
 * A key store that holds other keys besides the terminal's (the Windows certificate store, a token): the handshake
 * presents the configured alias and no other — even one the server would have accepted is not chosen in its place.
 */
class AliasKeyManagerTest {

    private static final TestTlsCertificates CLINIC = new TestTlsCertificates("clinic");
    private static final TestTlsCertificates OTHER = new TestTlsCertificates("other");

    @Test
    void theConfiguredAliasIsTheCertificatePresented() throws Exception {
        try (ScriptedHttpsServer server = new ScriptedHttpsServer(CLINIC.serverContext(), "TLSv1.2")) {
            server.answer(new ScriptedHttpsServer.Answer.Reply(503, "text/plain", new byte[0]));
            HttpsEligibilityClient clinic = new HttpsEligibilityClient(
                    server.baseUri(), CLINIC.terminalTlsAmong(OTHER, "clinic"), Duration.ofSeconds(5));
            assertThat(clinic.nonce()).isNotNull();
            assertThat(server.received())
                    .as("the handshake with the clinic's certificate passed")
                    .hasSize(1);

            HttpsEligibilityClient stranger = new HttpsEligibilityClient(
                    server.baseUri(), CLINIC.terminalTlsAmong(OTHER, "stranger"), Duration.ofSeconds(5));
            assertThat(stranger.nonce())
                    .isInstanceOfSatisfying(
                            Unavailable.class, u -> assertThat(u.reason()).isEqualTo(UnavailableReason.TLS_FAILURE));
            assertThat(server.received()).hasSize(1);
        }
    }
}
