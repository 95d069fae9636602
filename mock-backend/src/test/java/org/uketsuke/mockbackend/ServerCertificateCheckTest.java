package org.uketsuke.mockbackend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.uketsuke.eligibility.Unavailable;
import org.uketsuke.eligibility.UnavailableReason;
import org.uketsuke.eligibility.client.HttpsEligibilityClient;
import org.uketsuke.eligibility.client.ServerRevocation;
import org.uketsuke.eligibility.client.TlsMaterial;

/**
 * The terminal checks who it talks to, against the real mock backend: the server certificate's CRL (the server CA's
 * {@code /crl/tls.crl}), the host name, and the TLS 1.2 suites it accepts.
 */
class ServerCertificateCheckTest {

    @TempDir
    Path state;

    @Test
    void anUnrevokedServerCertificateIsAcceptedAndARevokedOneRefused() {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(state, 0, 23L, 5))) {
            TlsMaterial checking =
                    backend.terminalTls().withServerRevocation(new ServerRevocation.Crl(backend.serverCrlUri(), false));
            assertThat(TestCards.nonce(client(backend.baseUri(), checking))).hasSize(32);

            backend.revokeServerCertificate();
            assertThat(client(backend.baseUri(), checking).nonce()).isInstanceOfSatisfying(Unavailable.class, u -> {
                assertThat(u.reason()).isEqualTo(UnavailableReason.SERVER_CERTIFICATE_REVOKED);
                assertThat(u.diagnostic()).contains("CertificateRevokedException");
            });
            assertThat(backend.requests("/oqs/v1/nonce"))
                    .as("only the call before the revocation reached the backend")
                    .isEqualTo(1);
        }
    }

    @Test
    void withoutAValidCrlTheHardFailDefaultRefusesAndSoftFailConnects() {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(state, 0, 23L, 5))) {
            URI missing = state.resolve("no-such.crl").toUri();
            assertThat(client(
                                    backend.baseUri(),
                                    backend.terminalTls()
                                            .withServerRevocation(new ServerRevocation.Crl(missing, false)))
                            .nonce())
                    .isInstanceOfSatisfying(
                            Unavailable.class, u -> assertThat(u.reason()).isEqualTo(UnavailableReason.TLS_FAILURE));
            assertThat(TestCards.nonce(client(
                            backend.baseUri(),
                            backend.terminalTls().withServerRevocation(new ServerRevocation.Crl(missing, true)))))
                    .hasSize(32);
            // A CRL of another CA (the terminal CA's) does not vouch for the server certificate.
            URI otherCa = backend.baseUri().resolve("/crl/terminal.crl");
            assertThat(client(
                                    backend.baseUri(),
                                    backend.terminalTls()
                                            .withServerRevocation(new ServerRevocation.Crl(otherCa, false)))
                            .nonce())
                    .isInstanceOfSatisfying(
                            Unavailable.class, u -> assertThat(u.reason()).isEqualTo(UnavailableReason.TLS_FAILURE));
        }
    }

    @Test
    void theBackendUnderAWrongHostNameIsRefused() throws Exception {
        try (MockBackend backend = MockBackend.start(new MockBackendConfig(state, 0, 23L, 5));
                Forwarder other = new Forwarder(
                        InetAddress.getByName("127.0.0.2"), backend.baseUri().getPort())) {
            // The same server, reached as 127.0.0.2: its certificate names localhost and 127.0.0.1 only.
            URI wrongName = URI.create("https://127.0.0.2:" + other.port() + "/");
            assertThat(client(wrongName, backend.terminalTls()).nonce())
                    .isInstanceOfSatisfying(Unavailable.class, u -> {
                        assertThat(u.reason()).isEqualTo(UnavailableReason.SERVER_NAME_MISMATCH);
                        assertThat(u.diagnostic()).contains("127.0.0.2");
                    });
            assertThat(backend.requests("/oqs/v1/nonce")).isZero();
        }
    }

    @Test
    void aServerOfferingOnlyACbcSuiteIsRefused() throws Exception {
        TestPki pki = TestPki.open(state.resolve("pki"));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(pki.serverKeyStore(), TestPki.PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        try (SSLServerSocket server = (SSLServerSocket)
                context.getServerSocketFactory().createServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            server.setEnabledProtocols(new String[] {"TLSv1.2"});
            server.setEnabledCipherSuites(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"});
            Thread.ofVirtual().start(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                } catch (IOException expected) {
                    // the client offers no suite this server accepts
                }
            });
            KeyStore terminal = pki.terminalKeyStore();
            TlsMaterial tls = new TlsMaterial(terminal, TestPki.PASSWORD, pki.tlsTrustStore());
            assertThat(client(URI.create("https://127.0.0.1:" + server.getLocalPort() + "/"), tls)
                            .nonce())
                    .isInstanceOfSatisfying(
                            Unavailable.class, u -> assertThat(u.reason()).isEqualTo(UnavailableReason.TLS_FAILURE));
        }
    }

    private static HttpsEligibilityClient client(URI base, TlsMaterial tls) {
        return new HttpsEligibilityClient(base, tls, Duration.ofSeconds(5));
    }

    /** Plain TCP from {@code address}:free port to 127.0.0.1:{@code target}: the same server under another name. */
    private static final class Forwarder implements AutoCloseable {
        private final ServerSocket listening;

        Forwarder(InetAddress address, int target) throws IOException {
            listening = new ServerSocket(0, 5, address);
            Thread.ofVirtual().start(() -> {
                while (!listening.isClosed()) {
                    try {
                        Socket in = listening.accept();
                        Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                        Thread.ofVirtual().start(() -> pipe(in, out));
                        Thread.ofVirtual().start(() -> pipe(out, in));
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
        }

        int port() {
            return listening.getLocalPort();
        }

        private static void pipe(Socket from, Socket to) {
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException closed) {
                // either side hung up
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }

        @Override
        public void close() throws IOException {
            listening.close();
        }
    }
}
